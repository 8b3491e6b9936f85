import { afterEach, beforeEach, expect, test } from "@jest/globals";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AlertIntake } from "../../src/app/alerts/alert-intake.js";
import { createApp } from "../../src/app/create-app.js";
import { createAlertIncidentSink, type AlertIncidentSink } from "../../src/app/create-alert-incident-sink.js";
import { readStateBlock } from "../../src/core/render/alert-incident-state-block.js";
import { readMarker } from "../../src/core/render/hidden-marker.js";
import { AlertRoutes } from "../../src/schemas/alert-routes.js";
import { startApp, type RunningApp } from "../../src/sandbox/app-harness.js";
import { seedConfigRepo } from "../../src/sandbox/seed-config-repo.js";
import { Sandbox } from "../../src/sandbox/sandbox-server.js";
import type { RepoState } from "../../src/sandbox/state/sandbox-state.js";

const TOKEN = "alert-token-incidents-0123456789";
const routes = AlertRoutes.parse({ routes: [{ name: "shop", match: { service: "shop" }, repository: "acme/shop" }] });

let sandbox: Sandbox;
let running: RunningApp;
let intake: AlertIntake | undefined;
let sink: AlertIncidentSink | undefined;
let repo: RepoState;
let journalDir: string;

beforeEach(async () => {
  sandbox = await Sandbox.start();
  journalDir = await mkdtemp(join(tmpdir(), "alert-incidents-journal-"));
  const alerts = {
    credentials: { bearerTokens: [TOKEN], basic: [], hmac: { secrets: [], header: "X-Signature", timestampHeader: "X-Timestamp", maxAgeSeconds: 300 } },
    maxBodyBytes: 65_536,
    journalDir,
    routes,
    sink: (app: Parameters<typeof createAlertIncidentSink>[0]) => (sink = createAlertIncidentSink(app)),
    onStarted: (started: AlertIntake) => (intake = started),
  };
  running = await startApp(sandbox, createApp({ clock: { now: () => new Date() }, dryRun: false, alerts }));
  const installationId = sandbox.installApp(running.appId, "acme").id;
  repo = await seedConfigRepo(sandbox, { owner: "acme", name: "shop", installationId, config: "services:\n  - name: shop\n    files: [k8s/shop.yaml]\n    owners: [\"@acme/shop-team\"]\n" });
});

afterEach(async () => {
  await running.close();
  await intake?.close();
  await sink?.close();
  await sandbox.close();
  await rm(journalDir, { recursive: true, force: true });
});

test("an Alertmanager post to the intake becomes one incident issue; the second replica's copy changes nothing", async () => {
  const body = await readFile(new URL("../fixtures/alerts/alertmanager-v4.json", import.meta.url), "utf8");
  const post = () => fetch(`${new URL(running.webhookUrl).origin}/alerts/alertmanager`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` }, body });
  expect((await post()).status).toBe(202);
  await intake!.idle();
  await sink!.settled();
  expect((await post()).status).toBe(202);
  await intake!.idle();
  await sink!.settled();
  const issues = repo.issues.filter((i) => readMarker(i.body)?.kind === "alert-incident");
  expect(issues.map((i) => [i.title, i.labels])).toEqual([["[alert] shop: HighErrorRate", ["agenticops", "alert", "severity/critical"]]]);
  expect(issues[0]!.body).toContain("**1 of 1 alert firing** for service **shop** (production)");
  expect(issues[0]!.body).toContain("owners @acme/shop-team");
  expect(readStateBlock(issues[0]!.body)!.alerts.map((a) => a[0])).toEqual(["7c1f0a9b2d3e4f56"]);
  const writes = sandbox.log.apiCalls.filter((c) => c.method !== "GET" && !c.route.endsWith("/access_tokens"));
  expect(writes.map((c) => `${c.method} ${c.route}`)).toEqual(["POST /repos/{owner}/{repo}/issues"]);
});
