import { describe, expect, test } from "@jest/globals";
import { DeliveryGuard } from "../../src/app/delivery-guard.js";

/** A promise the test settles by hand, to hold work "in flight". */
const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe("DeliveryGuard.firstDelivery", () => {
  test("a delivery id is accepted once; a redelivery is dropped", () => {
    const guard = new DeliveryGuard();
    expect(guard.firstDelivery("d-1")).toBe(true);
    expect(guard.firstDelivery("d-2")).toBe(true);
    expect(guard.firstDelivery("d-1")).toBe(false);
    expect(guard.firstDelivery("d-2")).toBe(false);
  });

  test("past capacity the oldest id is forgotten first, newer ones are still dropped", () => {
    const guard = new DeliveryGuard(3);
    for (const id of ["d-1", "d-2", "d-3", "d-4"]) expect(guard.firstDelivery(id)).toBe(true);
    expect(guard.firstDelivery("d-4")).toBe(false);
    expect(guard.firstDelivery("d-3")).toBe(false);
    expect(guard.firstDelivery("d-2")).toBe(false);
    // d-1 was evicted when d-4 arrived, so it is new again (and evicts d-2)
    expect(guard.firstDelivery("d-1")).toBe(true);
    expect(guard.firstDelivery("d-2")).toBe(true);
  });

  test("a forgotten id (its handling failed) is accepted again when GitHub redelivers it", () => {
    const guard = new DeliveryGuard();
    guard.firstDelivery("d-1");
    guard.firstDelivery("d-2");
    guard.forget("d-1");
    expect(guard.firstDelivery("d-1")).toBe(true);
    expect(guard.firstDelivery("d-1")).toBe(false);
    expect(guard.firstDelivery("d-2")).toBe(false);
  });
});

describe("DeliveryGuard.once", () => {
  test("concurrent calls for one key run the work once; the others are told it was coalesced", async () => {
    const guard = new DeliveryGuard();
    const gate = deferred<string>();
    let runs = 0;
    const work = () => {
      runs += 1;
      return gate.promise;
    };
    const first = guard.once("inc-1", work);
    const second = guard.once("inc-1", work);
    const third = guard.once("inc-1", work);
    gate.resolve("pull-request #1");
    await expect(Promise.all([first, second, third])).resolves.toEqual(["pull-request #1", "coalesced", "coalesced"]);
    expect(runs).toBe(1);
  });

  test("a coalesced caller returns only after the running work has finished", async () => {
    const guard = new DeliveryGuard();
    const gate = deferred<string>();
    const order: string[] = [];
    const first = guard.once("inc-1", () => gate.promise.then((v) => (order.push("work done"), v)));
    const second = guard.once("inc-1", async () => "never").then((v) => (order.push("coalesced returned"), v));
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    gate.resolve("done");
    await Promise.all([first, second]);
    expect(order).toEqual(["work done", "coalesced returned"]);
  });

  test("different keys run in parallel", async () => {
    const guard = new DeliveryGuard();
    const a = deferred<string>();
    const b = deferred<string>();
    const started: string[] = [];
    const first = guard.once("inc-a", () => (started.push("a"), a.promise));
    const second = guard.once("inc-b", () => (started.push("b"), b.promise));
    expect(started).toEqual(["a", "b"]);
    b.resolve("b done");
    await expect(second).resolves.toBe("b done");
    a.resolve("a done");
    await expect(first).resolves.toBe("a done");
  });

  test("a failure reaches the caller that ran the work, coalesced callers are not thrown at, and the key is released", async () => {
    const guard = new DeliveryGuard();
    const gate = deferred<string>();
    const first = guard.once("inc-1", () => gate.promise);
    const second = guard.once("inc-1", async () => "never");
    gate.reject(new Error("GitHub is down"));
    await expect(first).rejects.toThrow("GitHub is down");
    await expect(second).resolves.toBe("coalesced");
    await expect(guard.once("inc-1", async () => "retried")).resolves.toBe("retried");
  });

  test("after the work finishes, the same key runs again (the next failure of the incident)", async () => {
    const guard = new DeliveryGuard();
    await expect(guard.once("inc-1", async () => 1)).resolves.toBe(1);
    await expect(guard.once("inc-1", async () => 2)).resolves.toBe(2);
  });
});
