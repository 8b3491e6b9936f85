import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AgenticOpsOctokit } from "../../src/adapters/github/agenticops-octokit.js";
import type { AlertIntake } from "../../src/app/alerts/alert-intake.js";
import { createApp } from "../../src/app/create-app.js";
import { WriteLedger } from "../../src/core/act/write-ledger.js";
import { readStateBlock } from "../../src/core/render/alert-incident-state-block.js";
import { readMarker } from "../../src/core/render/hidden-marker.js";
import { AlertRoutes } from "../../src/schemas/alert-routes.js";
import { completeAlertPayload } from "../../src/sandbox/alerts/complete-alert-payload.js";
import { SANDBOX_APP_ID, startApp, type RunningApp } from "../../src/sandbox/app-harness.js";
import { seedConfigRepo } from "../../src/sandbox/seed-config-repo.js";
import { Sandbox } from "../../src/sandbox/sandbox-server.js";
import type { RepoState } from "../../src/sandbox/state/sandbox-state.js";
import { VirtualTime } from "../../src/sandbox/virtual-time.js";
import { journalText } from "./support/alert-intake-process.js";

const TOKEN = "alert-token-crash-window-0123456789";
const T0 = Date.parse("2026-11-23T14:00:00.000Z");
const routes = AlertRoutes.parse({ routes: [{ name: "shop", match: { service: "shop" }, repository: "acme/shop" }] });

let sandbox: Sandbox;
let repo: RepoState;
let dir: string;
let time: VirtualTime;
let ledger: WriteLedger;
const processes: { running: RunningApp; intake: AlertIntake }[] = [];

/** One app process: the production wiring (default sink) on virtual time, the same app id and journal every time. */
const startProcess = async () => {
  let intake: AlertIntake | undefined;
  const alerts = {
    credentials: { bearerTokens: [TOKEN], basic: [], hmac: { secrets: [], header: "X-Signature", timestampHeader: "X-Timestamp", maxAgeSeconds: 300 } },
    maxBodyBytes: 65_536,
    journalDir: dir,
    routes,
    incidents: { timers: time, ledger },
    onStarted: (started: AlertIntake) => (intake = started),
  };
  const Octokit = AgenticOpsOctokit.defaults((options: Record<string, unknown>) => ({ ...options, writeLedger: ledger }));
  const running = await startApp(sandbox, createApp({ clock: time, dryRun: false, alerts }), { appId: SANDBOX_APP_ID, Octokit });
  processes.push({ running, intake: intake! });
  return { running, intake: intake! };
};

/** The process dies: no flush, no timers; whatever the journal holds stays there. */
const crash = async (p: { running: RunningApp; intake: AlertIntake }) => {
  processes.splice(processes.indexOf(p), 1);
  await p.running.close();
  await p.intake.close();
};

const post = (p: { running: RunningApp }, alerts: { instance: string }[]) => {
  const payload = completeAlertPayload("alertmanager", { alerts: alerts.map(({ instance }) => ({ labels: { alertname: "HighErrorRate", service: "shop", instance, severity: "critical" }, startsAt: new Date(T0).toISOString() })) }, time.now());
  return fetch(`${new URL(p.running.webhookUrl).origin}/alerts/alertmanager`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(payload) });
};

const writes = () => sandbox.log.apiCalls.filter((c) => c.method !== "GET" && !c.route.endsWith("/access_tokens")).map((c) => `${c.method} ${c.route}`);
const incidentIssues = () => repo.issues.filter((i) => readMarker(i.body)?.kind === "alert-incident");
const pendingRecords = async () => {
  const records = (await journalText(dir)).split("\n").filter(Boolean).map((l) => JSON.parse(l) as { type: string; key: string });
  const done = new Set(records.filter((r) => r.type === "done").map((r) => r.key));
  return records.filter((r) => r.type === "accepted" && !done.has(r.key));
};

beforeEach(async () => {
  sandbox = await Sandbox.start();
  dir = await mkdtemp(join(tmpdir(), "alert-crash-window-"));
  time = new VirtualTime(T0);
  ledger = new WriteLedger(time);
  const first = await startProcess();
  const installationId = sandbox.installApp(first.running.appId, "acme").id;
  repo = await seedConfigRepo(sandbox, { owner: "acme", name: "shop", installationId, config: "services:\n  - name: shop\n    files: [k8s/shop.yaml]\n" });
});

afterEach(async () => {
  for (const p of processes.splice(0)) await crash(p);
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a crash after 202 and before the paced write", () => {
  test("the journal keeps the notification until its write is applied; the next start writes it exactly once", async () => {
    const first = processes[0]!;
    expect((await post(first, [{ instance: "shop-1" }])).status).toBe(202);
    await first.intake.idle();
    await first.intake.settled(); // the new issue is written at once, then marked done
    expect(await pendingRecords()).toEqual([]);

    // a second alert joins: accepted (202), in memory, its update paced 10 s after the creation
    expect((await post(first, [{ instance: "shop-1" }, { instance: "shop-2" }])).status).toBe(202);
    await first.intake.idle();
    expect(first.intake.stats()).toEqual({ journaled: 2, pending: 1 });
    expect(await pendingRecords()).toHaveLength(1);
    await crash(first); // before the flush timer fires

    expect(writes()).toEqual(["POST /repos/{owner}/{repo}/issues"]);
    expect(readStateBlock(incidentIssues()[0]!.body)!.alerts).toHaveLength(1);

    const second = await startProcess(); // fresh sink, same journal: the update is replayed
    await second.intake.idle();
    await time.runAll(() => second.intake.idle());
    await second.intake.settled();
    expect(second.intake.stats()).toEqual({ journaled: 0, pending: 0 });

    // Alertmanager's repeat of the same group after the restart changes nothing
    expect((await post(second, [{ instance: "shop-1" }, { instance: "shop-2" }])).status).toBe(202);
    await second.intake.idle();
    await time.runAll(() => second.intake.idle());
    await second.intake.settled();

    expect(writes()).toEqual(["POST /repos/{owner}/{repo}/issues", "PATCH /repos/{owner}/{repo}/issues/{issue_number}"]);
    expect(incidentIssues()).toHaveLength(1);
    expect(readStateBlock(incidentIssues()[0]!.body)!.alerts).toHaveLength(2);
    expect(await journalText(dir)).toBe("");
  });

  test("a crash before the first write: the next start creates the issue once, and a replay after that writes nothing", async () => {
    const first = processes[0]!;
    // another bot path spent the installation's minute: the creation waits for budget
    for (let i = 0; i < 70; i += 1) ledger.record(sandbox.installApp(SANDBOX_APP_ID, "acme").id);
    expect((await post(first, [{ instance: "shop-1" }])).status).toBe(202);
    await first.intake.idle();
    expect(first.intake.stats().pending).toBe(1);
    await crash(first);
    expect(writes()).toEqual([]);

    const second = await startProcess();
    await second.intake.idle();
    await time.runAll(() => second.intake.idle());
    await second.intake.settled();
    await crash(second);
    const third = await startProcess(); // nothing left to replay
    await third.intake.idle();
    expect(third.intake.stats()).toEqual({ journaled: 0, pending: 0 });
    expect(writes()).toEqual(["POST /repos/{owner}/{repo}/issues"]);
    expect(incidentIssues()).toHaveLength(1);
  });
});
