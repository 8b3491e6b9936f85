import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { Sandbox } from "../../src/sandbox/sandbox-server.js";
import { AlertRoutes } from "../../src/schemas/alert-routes.js";
import type { AlertSettings } from "../../src/app/alerts/alert-settings.js";
import { AlertJournal, JOURNAL_FILE } from "../../src/adapters/alerts/alert-journal.js";
import { parseAlertPost } from "../../src/core/sense/alerts/parse-alert-post.js";
import { compileAlertRouter } from "../../src/core/sense/alerts/alert-router.js";
import { splitByDestination } from "../../src/core/sense/alerts/split-by-destination.js";
import { TOKENS, bearer, credentials, journalText, postJson, recordingSink, startIntakeProcess, type IntakeProcess } from "./support/alert-intake-process.js";

const routes = AlertRoutes.parse({ routes: [{ name: "all", match: {}, repository: "acme/shop" }] });
const post = (name: string) => JSON.stringify({ group: "checkout", alerts: [{ name, labels: { service: "shop" } }] });

let sandbox: Sandbox;
let dir: string;
const running: IntakeProcess[] = [];

beforeAll(async () => {
  sandbox = await Sandbox.start();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alert-journal-"));
});
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop();
  await rm(dir, { recursive: true, force: true });
});

const start = async (overrides: Partial<AlertSettings>): Promise<IntakeProcess> => {
  const p = await startIntakeProcess(sandbox, { credentials: credentials(), maxBodyBytes: 1_048_576, journalDir: dir, routes, ...overrides });
  running.push(p);
  return p;
};
const stop = async (p: IntakeProcess) => {
  running.splice(running.indexOf(p), 1);
  await p.stop();
};
const records = async () => (await journalText(dir)).split("\n").filter(Boolean).map((l) => JSON.parse(l) as { type: string; key: string });

describe("accepted alerts survive the process", () => {
  test("killed while the sink was working: the next start hands the notification over once", async () => {
    const stuck = { accept: () => Promise.reject(new Error("killed mid-delivery")) };
    const first = await start({ sink: () => stuck, backoff: { initialMs: 60_000, maxMs: 60_000 } });
    expect((await postJson(first.origin, "/alerts/generic", post("Crash"), bearer(TOKENS[0]!))).status).toBe(202);
    expect((await records()).map((r) => r.type)).toEqual(["accepted"]);
    await stop(first); // the retry never ran: as if the process died

    const recorder = recordingSink();
    const second = await start({ sink: () => recorder.sink });
    await second.intake.settled();
    expect(recorder.calls.map((n) => n.alerts[0]?.name)).toEqual(["Crash"]);
    expect(second.logs.find((l) => l.msg === "replaying accepted alerts from the journal")).toMatchObject({ notifications: 1 });
    expect(await journalText(dir)).toBe(""); // all done: compacted
  });

  test("journaled but never forwarded (crash between the fsync and the sink): delivered at start-up", async () => {
    const body = post("Fsynced");
    const parsed = parseAlertPost("generic", body, { id: "post-7", receivedAt: "2026-03-02T13:10:00.000Z" });
    if (!parsed.ok) throw new Error(parsed.message);
    const journal = await AlertJournal.open({ dir, log: pino({ level: "silent" }), clock: { now: () => new Date() } });
    await journal.append(splitByDestination(parsed.notification, compileAlertRouter(routes)).routed);
    await journal.close();

    const recorder = recordingSink();
    const proc = await start({ sink: () => recorder.sink });
    await proc.intake.settled();
    expect(recorder.calls.map((n) => [n.id, n.alerts[0]?.name, n.repo.name])).toEqual([["post-7", "Fsynced", "shop"]]);
  });

  test("a torn last line is skipped with a warning; the rest is replayed and new records stay whole", async () => {
    const first = await start({ sink: () => ({ accept: () => Promise.reject(new Error("down")) }), backoff: { initialMs: 60_000, maxMs: 60_000 } });
    await postJson(first.origin, "/alerts/generic", post("Kept"), bearer(TOKENS[0]!));
    await stop(first);
    await appendFile(join(dir, JOURNAL_FILE), '{"type":"accepted","key":"torn","notifica');

    const recorder = recordingSink();
    recorder.failNext(1); // keep the replayed record pending for a moment
    const second = await start({ sink: () => recorder.sink, backoff: { initialMs: 5, maxMs: 5 } });
    expect(second.logs.find((l) => l.msg === "alert journal ends with a torn line; skipping it")).toMatchObject({ level: 40 });
    await postJson(second.origin, "/alerts/generic", post("After"), bearer(TOKENS[0]!));
    // every line parses: the new record was not glued to the torn fragment
    expect((await records()).map((r) => r.key).filter((k) => k === "torn")).toEqual([]);
    await second.intake.settled();
    // one group, in order: "After" waited for the retried "Kept"
    expect(recorder.calls.map((n) => n.alerts[0]?.name)).toEqual(["Kept", "Kept", "After"]);
    expect(await journalText(dir)).toBe("");
  });
});

describe("the sink", () => {
  test("a failing sink is retried with backoff; until it succeeds the record stays in the journal", async () => {
    const recorder = recordingSink();
    recorder.failNext(2);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gated = { accept: async (n: Parameters<typeof recorder.sink.accept>[0]) => (recorder.calls.length >= 2 ? (await gate, recorder.sink.accept(n)) : recorder.sink.accept(n)) };
    const proc = await start({ sink: () => gated, backoff: { initialMs: 5, maxMs: 20 } });
    await postJson(proc.origin, "/alerts/generic", post("Flaky"), bearer(TOKENS[0]!));
    while (recorder.calls.length < 2) await new Promise((r) => setTimeout(r, 5));
    expect((await records()).map((r) => r.type)).toEqual(["accepted"]);
    release();
    await proc.intake.settled();
    expect(recorder.calls).toHaveLength(3);
    expect(proc.logs.filter((l) => l.msg === "alert sink failed; will retry").map((l) => l.attempt)).toEqual([1, 2]);
    expect(await journalText(dir)).toBe("");
  });

  test("an identical resend while the first is pending is journaled once; notifications of a group keep their order", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const recorder = recordingSink();
    const proc = await start({ sink: () => ({ accept: async (n) => (await gate, recorder.sink.accept(n)) }) });
    const firing = post("Ordered");
    const resolved = JSON.stringify({ group: "checkout", alerts: [{ name: "Ordered", status: "resolved", labels: { service: "shop" } }] });
    const answers = [];
    for (const body of [firing, firing, resolved]) answers.push(await postJson(proc.origin, "/alerts/generic", body, bearer(TOKENS[0]!)));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(answers[0]?.body?.id).toBe(answers[1]?.body?.id);
    expect((await records()).map((r) => r.type)).toEqual(["accepted", "accepted"]);
    release();
    await proc.intake.settled();
    expect(recorder.calls.map((n) => n.alerts[0]?.status)).toEqual(["firing", "resolved"]);
  });
});
