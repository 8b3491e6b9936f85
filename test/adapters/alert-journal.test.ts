import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AlertJournal, JOURNAL_FILE, journalKey } from "../../src/adapters/alerts/alert-journal.js";
import type { RoutedAlertNotification } from "../../src/schemas/alert.js";
import type { Logger } from "../../src/ports/logger.js";

const notification = (id: string, groupKey = "g@acme/shop"): RoutedAlertNotification => ({
  source: "generic", id, receivedAt: "2026-03-02T13:10:00.000Z", groupKey, groupLabels: {}, commonLabels: {}, externalURL: null, truncatedAlerts: 0,
  alerts: [{ status: "firing", name: "A", fingerprint: "f", labels: {}, annotations: {}, startsAt: "2026-03-02T13:00:00Z", endsAt: null, generatorURL: null, value: null }],
  repo: { owner: "acme", name: "shop" }, service: null, route: "all",
});

const memoryLog = () => {
  const warnings: Array<Record<string, unknown> & { msg: string }> = [];
  const log: Logger = { debug: () => {}, info: () => {}, error: () => {}, warn: (details, msg) => void warnings.push({ ...details, msg }) };
  return { log, warnings };
};

let dir: string;
let journal: AlertJournal | undefined;
const file = () => join(dir, JOURNAL_FILE);
const open = async (log: Logger = memoryLog().log) => (journal = await AlertJournal.open({ dir, log, clock: { now: () => new Date("2026-03-02T13:11:00Z") } }));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "journal-"));
});
afterEach(async () => {
  await journal?.close();
  journal = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe("AlertJournal", () => {
  test("an append is a JSON line on disk when it resolves; done records end it; all done empties the file", async () => {
    const j = await open();
    const [added] = await j.append([notification("a")]);
    expect(added?.key).toBe(journalKey(notification("a")));
    const lines = (await readFile(file(), "utf8")).split("\n");
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: "accepted", key: "a g@acme/shop", notification: { id: "a" } });
    await j.append([notification("b")]);
    await j.markDone("a g@acme/shop");
    expect((await readFile(file(), "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l).type)).toEqual(["accepted", "accepted", "done"]);
    await j.markDone("b g@acme/shop");
    expect((await stat(file())).size).toBe(0);
  });

  test("reopened, it hands back what is not done, in order", async () => {
    const first = await open();
    await first.append([notification("a"), notification("b"), notification("c", "other@acme/shop")]);
    await first.markDone("b g@acme/shop");
    await first.close();
    const second = await open();
    expect(second.entries().map((e) => e.notification.id)).toEqual(["a", "c"]);
  });

  test("a resend of a pending notification is not written twice", async () => {
    const j = await open();
    const [first, again] = await Promise.all([j.append([notification("a")]), j.append([notification("a")])]);
    expect([first.length, again.length]).toEqual([1, 0]);
    expect((await readFile(file(), "utf8")).split("\n").filter(Boolean)).toHaveLength(1);
  });

  test("many concurrent appends all land, whole lines, in one file", async () => {
    const j = await open();
    await Promise.all(Array.from({ length: 200 }, (_, i) => j.append([notification(`n${i}`)])));
    const lines = (await readFile(file(), "utf8")).split("\n").filter(Boolean);
    expect(lines).toHaveLength(200);
    expect(new Set(lines.map((l) => JSON.parse(l).notification.id)).size).toBe(200);
  });

  test("a torn last line is skipped with a warning and cut off, so the next record starts on its own line", async () => {
    const first = await open();
    await first.append([notification("a")]);
    await first.close();
    await appendFile(file(), '{"type":"accepted","key":"b g","notif');
    const { log, warnings } = memoryLog();
    const second = await open(log);
    expect(second.entries().map((e) => e.notification.id)).toEqual(["a"]);
    expect(warnings).toEqual([expect.objectContaining({ msg: "alert journal ends with a torn line; skipping it", bytes: 37 })]);
    await second.append([notification("c")]);
    expect((await readFile(file(), "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l).notification.id)).toEqual(["a", "c"]);
  });

  test("a damaged complete line is skipped with its line number; the others are kept", async () => {
    const good = (id: string) => `${JSON.stringify({ type: "accepted", key: id, notification: notification(id) })}\n`;
    await writeFile(file(), `${good("a")}{"type":"accepted","key":"x","notification":{}}\nnot json\n${good("b")}`);
    const { log, warnings } = memoryLog();
    const j = await open(log);
    expect(j.entries().map((e) => e.key)).toEqual(["a", "b"]);
    expect(warnings.map((w) => w.line)).toEqual([2, 3]);
  });
});
