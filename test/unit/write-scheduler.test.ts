import { describe, expect, test } from "@jest/globals";
import { peakInWindow, type WriteLimits } from "../../src/core/act/write-budget.js";
import { WriteLedger } from "../../src/core/act/write-ledger.js";
import { WriteScheduler, type WriteStep } from "../../src/core/act/write-scheduler.js";
import { VirtualTime } from "../../src/sandbox/virtual-time.js";

const START = Date.parse("2026-11-23T14:00:00Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

interface Harness {
  time: VirtualTime;
  ledger: WriteLedger;
  scheduler: WriteScheduler;
  written: { key: string; at: number; value: unknown }[];
  state: Map<string, unknown>;
  run: () => Promise<number>;
}

/** A scheduler on virtual time whose writes record what they wrote, and when, into the ledger like the Octokit does. */
const harness = (options: { limits?: WriteLimits; flushIntervalMs?: number; step?: (key: string, h: Harness) => Promise<"more" | "done"> } = {}): Harness => {
  const time = new VirtualTime(START);
  const ledger = new WriteLedger(time);
  const h = { time, ledger, written: [], state: new Map() } as unknown as Harness;
  const step: WriteStep = async (key) => {
    if (options.step) return options.step(key, h);
    ledger.record("inst-1");
    h.written.push({ key, at: time.now().getTime(), value: h.state.get(key) });
    return "done";
  };
  h.scheduler = new WriteScheduler(step, { clock: time, timers: time, ledger, limits: options.limits ?? { perMinute: 80, perHour: 500 }, flushIntervalMs: options.flushIntervalMs ?? 10_000, log: quiet, retryBaseMs: 1_000 });
  h.run = () => time.runAll(() => h.scheduler.idle());
  return h;
};

describe("WriteScheduler: coalescing", () => {
  test("a creation is written at once; fifty changes in the next seconds become one write of the latest state", async () => {
    const h = harness();
    h.state.set("inc-1", 0);
    h.scheduler.schedule("inc-1", "inst-1", "create");
    await h.scheduler.idle();
    for (let i = 1; i <= 50; i += 1) {
      await h.time.advanceTo(START + i * 100, () => h.scheduler.idle());
      h.state.set("inc-1", i);
      h.scheduler.schedule("inc-1", "inst-1", "update");
    }
    await h.run();
    expect(h.written).toEqual([
      { key: "inc-1", at: START, value: 0 },
      { key: "inc-1", at: START + 10_000, value: 50 },
    ]);
  });

  test("a change made while its key is being written is written again, a flush interval later", async () => {
    const h = harness({
      step: async (key, self) => {
        self.written.push({ key, at: self.time.now().getTime(), value: self.state.get(key) });
        if (self.written.length === 1) {
          self.state.set(key, "changed during the write");
          self.scheduler.schedule(key, "inst-1", "update");
        }
        return "done";
      },
    });
    h.state.set("inc-1", "first");
    h.scheduler.schedule("inc-1", "inst-1", "create");
    await h.run();
    expect(h.written.map((w) => [w.at - START, w.value])).toEqual([
      [0, "first"],
      [10_000, "changed during the write"],
    ]);
  });
});

describe("WriteScheduler: budgets", () => {
  test("300 creations are paced so no sliding minute holds more than 80 writes, and none is lost", async () => {
    const h = harness();
    for (let i = 0; i < 300; i += 1) h.scheduler.schedule(`inc-${i}`, "inst-1", "create");
    const end = await h.run();
    const times = h.written.map((w) => w.at);
    expect(new Set(h.written.map((w) => w.key)).size).toBe(300);
    expect(peakInWindow(times, MINUTE)).toBe(80);
    // 300 writes at 80 a minute: the last batch goes out after three full minutes
    expect(end - START).toBe(3 * MINUTE);
  });

  test("the hourly budget holds writes back past the hour, then lets them through", async () => {
    const h = harness();
    for (let i = 0; i < 600; i += 1) h.scheduler.schedule(`inc-${i}`, "inst-1", "create");
    await h.run();
    const times = h.written.map((w) => w.at);
    expect(h.written).toHaveLength(600);
    expect(peakInWindow(times, HOUR)).toBe(500);
    expect(peakInWindow(times, MINUTE)).toBeLessThanOrEqual(80);
    expect(times[500]! - START).toBeGreaterThanOrEqual(HOUR);
  });

  test("other writes of the installation (a rollback) count against the same budget", async () => {
    const h = harness({ limits: { perMinute: 10, perHour: 500 } });
    for (let i = 0; i < 8; i += 1) h.ledger.record("inst-1");
    for (let i = 0; i < 5; i += 1) h.scheduler.schedule(`inc-${i}`, "inst-1", "create");
    await h.run();
    expect(h.written.map((w) => w.at - START)).toEqual([0, 0, MINUTE, MINUTE, MINUTE]);
  });

  test("when the budget is short, new incidents go first, then changes of state, then updates", async () => {
    const h = harness({ limits: { perMinute: 1, perHour: 500 } });
    h.ledger.record("inst-1");
    h.scheduler.schedule("update", "inst-1", "update");
    h.scheduler.schedule("resolved", "inst-1", "state");
    h.scheduler.schedule("new", "inst-1", "create");
    await h.run();
    expect(h.written.map((w) => w.key)).toEqual(["new", "resolved", "update"]);
  });

  test("a flush of several writes spends one unit of budget per write", async () => {
    let left = 3;
    const h = harness({
      limits: { perMinute: 2, perHour: 500 },
      step: async (key, self) => {
        self.ledger.record("inst-1");
        self.written.push({ key, at: self.time.now().getTime(), value: left });
        left -= 1;
        return left > 0 ? "more" : "done";
      },
    });
    h.scheduler.schedule("inc-1", "inst-1", "state");
    await h.run();
    expect(h.written.map((w) => w.at - START)).toEqual([0, 0, MINUTE]);
  });
});

describe("WriteScheduler: failures and settling", () => {
  test("a failed write is retried with backoff until it succeeds", async () => {
    let calls = 0;
    const h = harness({
      step: async (key, self) => {
        calls += 1;
        if (calls < 3) throw new Error("GitHub API call failed (status 502)");
        self.written.push({ key, at: self.time.now().getTime(), value: null });
        return "done";
      },
    });
    h.scheduler.schedule("inc-1", "inst-1", "create");
    await h.run();
    expect(h.written.map((w) => w.at - START)).toEqual([3_000]);
    expect(h.scheduler.stats()).toEqual({ pending: 0, steps: 1, failures: 2, givenUp: 0 });
  });

  test("a write that keeps failing is given up after its attempts, and settles", async () => {
    const h = harness({ step: async () => Promise.reject(new Error("GitHub API call failed (status 410)")) });
    h.scheduler.schedule("inc-1", "inst-1", "create");
    const settled = h.scheduler.settled();
    await h.run();
    await settled;
    expect(h.scheduler.stats()).toEqual({ pending: 0, steps: 0, failures: 8, givenUp: 1 });
  });

  test("settled() waits for the writes scheduled before it, not for later ones", async () => {
    const h = harness({ limits: { perMinute: 1, perHour: 500 } });
    h.scheduler.schedule("inc-1", "inst-1", "create");
    h.scheduler.schedule("inc-2", "inst-1", "create");
    const order: string[] = [];
    const settled = h.scheduler.settled().then(() => order.push(`settled after ${h.written.length}`));
    h.scheduler.schedule("inc-3", "inst-1", "create");
    await h.run();
    await settled;
    expect(order).toEqual(["settled after 2"]);
    expect(h.written).toHaveLength(3);
  });
});

describe("WriteScheduler: written(keys)", () => {
  test("waits for its own keys' writes only, while another key waits for budget", async () => {
    const h = harness({ limits: { perMinute: 1, perHour: 500 } });
    h.scheduler.schedule("busy", "inst-1", "create");
    h.scheduler.schedule("mine", "inst-1", "create");
    const heard: string[] = [];
    const mine = h.scheduler.written(["mine"]).then(() => heard.push(`mine after ${h.written.map((w) => w.key).join(",")}`));
    const busy = h.scheduler.written(["busy"]).then(() => heard.push(`busy after ${h.written.map((w) => w.key).join(",")}`));
    h.scheduler.schedule("later", "inst-1", "create");
    await h.run();
    await Promise.all([mine, busy]);
    expect(h.written.map((w) => w.key)).toEqual(["busy", "mine", "later"]);
    expect(heard).toEqual(["busy after busy", "mine after busy,mine"]);
  });

  test("a key with nothing pending is written already; a change during its write waits for the next write", async () => {
    const h = harness({
      step: async (key, self) => {
        self.written.push({ key, at: self.time.now().getTime(), value: null });
        if (self.written.length === 1) {
          self.scheduler.schedule(key, "inst-1", "update");
          void self.scheduler.written([key]).then(() => self.state.set("second change heard after", self.written.length));
        }
        return "done";
      },
    });
    await expect(h.scheduler.written(["inc-1"])).resolves.toBeUndefined();
    h.scheduler.schedule("inc-1", "inst-1", "create");
    await h.run();
    expect(h.written.map((w) => w.at - START)).toEqual([0, 10_000]);
    expect(h.state.get("second change heard after")).toBe(2);
  });

  test("rejects when the write is given up, until a new change is written", async () => {
    let failing = true;
    const h = harness({
      step: async (key, self) => {
        if (failing) throw new Error("GitHub API call failed (status 410)");
        self.written.push({ key, at: self.time.now().getTime(), value: null });
        return "done";
      },
    });
    h.scheduler.schedule("inc-1", "inst-1", "create");
    const first = h.scheduler.written(["inc-1"]);
    await h.run();
    await expect(first).rejects.toThrow("status 410");
    expect(h.scheduler.hasGivenUp("inc-1")).toBe(true);
    await expect(h.scheduler.written(["inc-1"])).rejects.toThrow("status 410");
    failing = false;
    h.scheduler.schedule("inc-1", "inst-1", "update");
    const again = h.scheduler.written(["inc-1"]);
    await h.run();
    await expect(again).resolves.toBeUndefined();
    expect(h.scheduler.hasGivenUp("inc-1")).toBe(false);
  });
});
