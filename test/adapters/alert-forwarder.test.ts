import { describe, expect, test } from "@jest/globals";
import { AlertForwarder, retryDelay } from "../../src/adapters/alerts/alert-forwarder.js";
import type { JournalEntry } from "../../src/adapters/alerts/alert-journal.js";
import type { RoutedAlertNotification } from "../../src/schemas/alert.js";
import type { Logger } from "../../src/ports/logger.js";

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const entry = (key: string, groupKey: string): JournalEntry => ({
  key,
  notification: { id: key, groupKey, repo: { owner: "acme", name: "shop" }, alerts: [] } as unknown as RoutedAlertNotification,
});

describe("retryDelay", () => {
  test("doubles from the first wait, is capped, and jitters between half and all of it", () => {
    const backoff = { initialMs: 1_000, maxMs: 300_000 };
    expect([1, 2, 3, 4].map((a) => retryDelay(a, backoff, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryDelay(30, backoff, () => 1)).toBe(300_000);
    expect(retryDelay(30, backoff, () => 0)).toBe(150_000);
  });
});

describe("AlertForwarder", () => {
  test("marks done only after the sink resolved; a failure is retried after the backoff wait", async () => {
    const events: string[] = [];
    let failures = 1;
    const forwarder = new AlertForwarder({
      sink: {
        accept: async (n) => {
          if (failures-- > 0) throw new Error("down");
          events.push(`sink ${n.id}`);
        },
      },
      markDone: async (key) => void events.push(`done ${key}`),
      log: silent,
      sleep: async (ms) => (events.push(`wait ${ms >= 500 && ms <= 1_000}`), true),
    });
    forwarder.forward(entry("a", "g1"));
    await forwarder.idle();
    expect(events).toEqual(["wait true", "sink a", "done a"]);
  });

  test("a failing group does not hold up another group; within a group the order is kept", async () => {
    const delivered: string[] = [];
    let releaseRetry!: () => void;
    const retried = new Promise<boolean>((resolve) => (releaseRetry = () => resolve(true)));
    let failed = false;
    const forwarder = new AlertForwarder({
      sink: {
        accept: async (n) => {
          if (n.id === "g1-first" && !failed) {
            failed = true;
            throw new Error("down");
          }
          delivered.push(n.id);
        },
      },
      markDone: async () => {},
      log: silent,
      sleep: () => retried,
    });
    for (const e of [entry("g1-first", "g1"), entry("g2-only", "g2"), entry("g1-second", "g1")]) forwarder.forward(e);
    await new Promise((r) => setTimeout(r, 10));
    expect(delivered).toEqual(["g2-only"]);
    releaseRetry();
    await forwarder.idle();
    expect(delivered).toEqual(["g2-only", "g1-first", "g1-second"]);
  });

  test("closing stops the retries; what is not done is not marked done", async () => {
    const done: string[] = [];
    const forwarder = new AlertForwarder({ sink: { accept: () => Promise.reject(new Error("down")) }, markDone: async (k) => void done.push(k), log: silent, backoff: { initialMs: 60_000, maxMs: 60_000 } });
    forwarder.forward(entry("a", "g"));
    await new Promise((r) => setTimeout(r, 10));
    forwarder.close();
    await forwarder.idle();
    forwarder.forward(entry("b", "g"));
    await forwarder.idle();
    expect(done).toEqual([]);
  });

  test("a notification is done once its write is applied; the group's next one is handed over meanwhile", async () => {
    const events: string[] = [];
    const writes = new Map<string, () => void>();
    const forwarder = new AlertForwarder({
      sink: {
        accept: async (n) => {
          events.push(`sink ${n.id}`);
          return { written: new Promise<void>((resolve) => writes.set(n.id, resolve)) };
        },
      },
      markDone: async (key) => void events.push(`done ${key}`),
      log: silent,
    });
    forwarder.forward(entry("firing", "g"));
    forwarder.forward(entry("resolved", "g"));
    await forwarder.idle();
    expect(events).toEqual(["sink firing", "sink resolved"]);
    writes.get("resolved")!();
    writes.get("firing")!();
    await forwarder.settled();
    expect(events).toEqual(["sink firing", "sink resolved", "done resolved", "done firing"]);
  });

  test("a write given up leaves the notification in the journal, with an error naming it", async () => {
    const done: string[] = [];
    const errors: unknown[][] = [];
    const forwarder = new AlertForwarder({
      sink: { accept: async () => ({ written: Promise.reject(new Error("GitHub API call failed (status 410)")) }) },
      markDone: async (key) => void done.push(key),
      log: { ...silent, error: (...args: unknown[]) => void errors.push(args) },
    });
    forwarder.forward(entry("gone", "g"));
    await forwarder.settled();
    expect(done).toEqual([]);
    expect(errors).toEqual([[expect.objectContaining({ key: "gone" }), "the write of an accepted alert was given up; it stays in the journal and is replayed at the next start"]]);
  });
});
