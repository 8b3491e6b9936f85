import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { AgenticOpsOctokit } from "../../src/adapters/github/agenticops-octokit.js";
import { createApp } from "../../src/app/create-app.js";
import { createAlertIncidentSink, type AlertIncidentSink } from "../../src/app/create-alert-incident-sink.js";
import { WriteLedger } from "../../src/core/act/write-ledger.js";
import { readStateBlock } from "../../src/core/render/alert-incident-state-block.js";
import { readMarker, renderMarker } from "../../src/core/render/hidden-marker.js";
import type { RoutedAlertNotification } from "../../src/schemas/alert.js";
import { startApp, type RunningApp } from "../../src/sandbox/app-harness.js";
import { seedConfigRepo } from "../../src/sandbox/seed-config-repo.js";
import { Sandbox } from "../../src/sandbox/sandbox-server.js";
import type { RepoState } from "../../src/sandbox/state/sandbox-state.js";
import { VirtualTime } from "../../src/sandbox/virtual-time.js";
import { T0, alert, at, notification, resolved } from "../unit/support/alert-notifications.js";

const CONFIG = `services:
  - name: checkout
    files: [k8s/checkout.yaml]
    owners: ["@acme/payments"]
  - name: search
    files: [k8s/search.yaml]
`;
const REPO = { owner: "acme", name: "shop" };

let sandbox: Sandbox;
let running: RunningApp;
let repo: RepoState;
let time: VirtualTime;
let ledger: WriteLedger;
let installationId: number;

beforeEach(async () => {
  sandbox = await Sandbox.start();
  time = new VirtualTime(T0);
  ledger = new WriteLedger(time);
  // the app's own Octokit, counting writes into this test's ledger (on virtual time)
  const Octokit = AgenticOpsOctokit.defaults((options: Record<string, unknown>) => ({ ...options, writeLedger: ledger }));
  running = await startApp(sandbox, createApp({ clock: time, dryRun: false }), { Octokit });
  installationId = sandbox.installApp(running.appId, REPO.owner).id;
  repo = await seedConfigRepo(sandbox, { ...REPO, installationId, config: CONFIG });
});

afterEach(async () => {
  await running.close();
  await sandbox.close();
});

const sink = (): AlertIncidentSink => createAlertIncidentSink(running.probot, { clock: time, timers: time, ledger });
const deliver = async (s: AlertIncidentSink, post: RoutedAlertNotification) => {
  await time.advanceTo(Date.parse(post.receivedAt), () => s.idle());
  await s.accept(post);
};
const drain = (s: AlertIncidentSink) => time.runAll(() => s.idle());
const writes = () => sandbox.log.apiCalls.filter((c) => c.method !== "GET" && !c.route.endsWith("/access_tokens")).map((c) => `${c.method} ${c.route}`);
const issues = () => repo.issues.filter((i) => readMarker(i.body)?.kind === "alert-incident");

const checkout = [alert("HighLatency", "checkout-1"), alert("HighLatency", "checkout-2")];
const checkoutErrors = [alert("HighErrorRate", "checkout-1")];
const search = [alert("SearchSlow", "search-1", { labels: { alertname: "SearchSlow", instance: "search-1", severity: "warning", service: "search" } })];
const searchPost = (alerts = search, minutes = 0.2) =>
  notification("SearchSlow", alerts, { service: "search", commonLabels: { alertname: "SearchSlow", service: "search" }, receivedAt: at(minutes), repo: REPO });

describe("alert incidents in the sandbox, through the sink", () => {
  test("a storm of posts with repeats and HA duplicates becomes one issue per incident with its final state", async () => {
    const s = sink();
    for (let i = 0; i < 20; i += 1) {
      const post = notification("HighLatency", checkout, { receivedAt: at(i * 0.25), repo: REPO });
      await deliver(s, post);
      await deliver(s, { ...post, id: `${post.id}-replica`, receivedAt: at(i * 0.25 + 0.01) });
      await deliver(s, notification("HighErrorRate", checkoutErrors, { receivedAt: at(i * 0.25 + 0.1), repo: REPO }));
      await deliver(s, searchPost(search, i * 0.25 + 0.2));
    }
    await deliver(s, searchPost([resolved(search[0]!, 5.5)], 6));
    await drain(s);
    expect(issues().map((i) => [i.title, i.state, i.labels])).toEqual([
      ["[alert] checkout: HighLatency", "open", ["agenticops", "alert", "severity/critical"]],
      ["[alert] search: SearchSlow", "closed", ["agenticops", "alert", "severity/medium", "resolved"]],
    ]);
    const [checkoutIssue, searchIssue] = issues();
    expect(checkoutIssue!.body).toContain("**3 of 3 alerts firing** for service **checkout** (production)");
    expect(checkoutIssue!.body).toContain("owners @acme/payments");
    expect(searchIssue!.body).toContain("**Resolved** at 2026-11-23T14:05:30.000Z for service **search**");
    const comments = repo.comments.filter((c) => c.issueNumber === searchIssue!.number);
    expect(comments.map((c) => c.body)).toEqual(["All alerts of this incident resolved (last at 2026-11-23T14:05:30.000Z); closing. If they fire again within the correlation window, the bot reopens this issue."]);
    expect(writes().sort()).toEqual(
      [
        "POST /repos/{owner}/{repo}/issues",
        "POST /repos/{owner}/{repo}/issues",
        "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
        "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
        "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
        "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      ].sort(),
    );
    expect(ledger.total(installationId)).toBe(6);
  });

  test("after a restart (a new sink), the open issue is found by label and marker and updated, never duplicated", async () => {
    const first = sink();
    await deliver(first, notification("HighLatency", checkout.slice(0, 1), { repo: REPO }));
    await drain(first);
    await first.close();
    const second = sink();
    await deliver(second, notification("HighLatency", checkout, { receivedAt: at(3), repo: REPO }));
    await drain(second);
    expect(issues()).toHaveLength(1);
    const state = readStateBlock(issues()[0]!.body)!;
    expect(state.alerts.map((a) => a[0]).sort()).toEqual(checkout.map((a) => a.fingerprint).sort());
    expect(writes()).toEqual(["POST /repos/{owner}/{repo}/issues", "PATCH /repos/{owner}/{repo}/issues/{issue_number}"]);
  });

  test("a crash loop right after a failed deploy the bot reported joins that incident as one comment", async () => {
    const s = sink();
    const client = await running.probot.auth(installationId);
    const deployBody = `Deploy to production failed.\n\n${renderMarker({ incident: "inc-aaaaaaaaaaaa", kind: "incident-issue", detectedAt: at(-1), environment: "production" })}`;
    const deploy = (await client.rest.issues.create({ owner: REPO.owner, repo: REPO.name, title: "[incident] Deploy to production failed", body: deployBody, labels: ["agenticops"] })).data;
    const crash = alert("KubePodCrashLooping", "checkout-7f9c");
    await deliver(s, notification("KubePodCrashLooping", [crash], { receivedAt: at(1), repo: REPO }));
    await deliver(s, notification("KubePodCrashLooping", [crash], { receivedAt: at(1.01), repo: REPO, id: "replica" }));
    await drain(s);
    expect(issues()).toEqual([]);
    const comments = repo.comments.filter((c) => c.issueNumber === deploy.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("### Alerts during this incident");
    expect(readMarker(comments[0]!.body)?.kind).toBe("alert-incident");
  });
});
