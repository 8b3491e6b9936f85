import { beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { botIdentity } from "../../src/app/bot-identity.js";
import { BUNDLED_RUNBOOKS_DIR, loadRunbookDir } from "../../src/adapters/runbooks/load-runbook-dir.js";
import { parseCommitTrailers } from "../../src/core/act/commit-trailers.js";
import type { AlertIncident, TrackedAlert } from "../../src/core/model/alert-incident.js";
import { readMarker } from "../../src/core/render/hidden-marker.js";
import { remediateAlertIncident, type RemediationContext, type RemediationPorts } from "../../src/core/remediate/remediate-alert-incident.js";
import { RepoConfig } from "../../src/schemas/repo-config.js";
import type { Runbook } from "../../src/schemas/runbook.js";
import { bundledPolicies } from "./support/bundled-policies.js";
import { FakeDeployHistory } from "./support/fake-deploy-history.js";
import { FakeWorkspace } from "./support/fake-workspace.js";
import { InMemoryChangePublisher } from "./support/in-memory-change-publisher.js";
import { InMemoryCodeHost } from "./support/in-memory-code-host.js";
import { comparison, commit, repo, sha, sourceChange } from "./support/rollback-fixtures.js";

const HPA = "k8s/shop/hpa.yaml";
const HEAD = sha("h");
const ISSUE = 7;
const hpa = (max: number) =>
  ["apiVersion: autoscaling/v2", "kind: HorizontalPodAutoscaler", "metadata:", "  name: shop-web", "  namespace: shop", "spec:", "  minReplicas: 3", `  maxReplicas: ${max} # sale`, ""].join("\n");

const tracked = (name: string, labels: Record<string, string>, change: Partial<TrackedAlert> = {}): TrackedAlert => ({
  fingerprint: `fp-${name}`,
  name,
  status: "firing",
  startsAt: "2026-11-23T14:00:00.000Z",
  firstSeen: "2026-11-23T14:00:05.000Z",
  lastSeen: "2026-11-23T14:00:05.000Z",
  resolvedAt: null,
  value: "1",
  labels: { alertname: name, ...labels },
  summary: "HPA shop-web has been running at max replicas for 15 minutes",
  generatorURL: "http://prometheus.local/graph?g0.expr=kube_hpa",
  groupKey: "{}:{alertname=\"x\"}",
  ...change,
});

const incidentWith = (alert: TrackedAlert, change: Partial<AlertIncident> = {}): AlertIncident => ({
  id: "inc-0123456789ab",
  repo,
  service: "shop",
  environment: "production",
  title: `${alert.name} on shop`,
  openedAt: alert.startsAt,
  resolvedAt: null,
  reopenedAt: [],
  groups: new Map(),
  alerts: new Map([[alert.fingerprint, alert]]),
  home: { kind: "issue" },
  related: [],
  pullRequest: null,
  droppedAlerts: 0,
  generatorURLs: [],
  lastFiringAt: alert.lastSeen,
  ...change,
});

const hpaMaxedOut = () => incidentWith(tracked("KubeHpaMaxedOut", { horizontalpodautoscaler: "shop-web", namespace: "shop" }));
const crashLoop = () => incidentWith(tracked("KubePodCrashLooping", { namespace: "shop", pod: "shop-web-1", reason: "CrashLoopBackOff" }));

let runbooks: Runbook[];
let publisher: InMemoryChangePublisher;
let history: FakeDeployHistory;
let workspace: FakeWorkspace;
let ports: RemediationPorts;
const config = (extra: Record<string, unknown> = {}) => RepoConfig.parse({ services: [{ name: "shop", files: [HPA], owners: ["@acme/shop"] }], ...extra });
const context = (change: Partial<RemediationContext> = {}): RemediationContext => ({
  config: config(),
  dryRun: false,
  bot: botIdentity({ id: 99, slug: "agenticops" }),
  clone: { url: "https://github.com/acme/shop.git", token: async () => "t" },
  policies: bundledPolicies(),
  runbooks,
  defaultBranch: "main",
  document: ISSUE,
  ...change,
});

beforeAll(async () => {
  runbooks = (await loadRunbookDir(BUNDLED_RUNBOOKS_DIR)).runbooks.map((l) => l.runbook);
});

beforeEach(() => {
  publisher = new InMemoryChangePublisher();
  publisher.setFile(HEAD, HPA, hpa(10));
  history = new FakeDeployHistory();
  history.commits.set("main", { ...commit(HEAD, [sha("g")], "main tip"), files: [] });
  workspace = new FakeWorkspace();
  const noop = () => undefined;
  ports = { publisher, history, host: new InMemoryCodeHost(), workspace, log: { debug: noop, info: noop, warn: noop, error: noop }, clock: { now: () => new Date("2026-11-23T14:10:00.000Z") } };
});

describe("remediateAlertIncident", () => {
  test("an HPA at its maximum gets one pull request raising maxReplicas, with the alert as evidence and the policy decision", async () => {
    expect(await remediateAlertIncident(hpaMaxedOut(), context(), ports)).toEqual({ kind: "pull-request", number: 1, runbook: "cpu-saturation-scale-up", step: 1 });
    const [change] = publisher.commits;
    expect(change).toMatchObject({ branch: "agenticops/inc-0123456789ab", parent: HEAD });
    expect(change!.files).toEqual([{ path: HPA, text: hpa(12) }]);
    expect(parseCommitTrailers(change!.message)).toMatchObject({ incident: "inc-0123456789ab", action: "scale-replicas", runbook: "cpu-saturation-scale-up" });
    const pull = publisher.pulls[0]!;
    expect(pull.title).toBe("shop: hpa.maxReplicas 10 → 12 (cpu-saturation-scale-up)");
    expect(pull.body).toContain("Refs #7");
    expect(pull.body).toContain("| `horizontalpodautoscaler` | shop-web |");
    expect(pull.body).toContain("[generator](http://prometheus.local/graph?g0.expr=kube_hpa)");
    expect(pull.body).toContain("triggers[0]: alert KubeHpaMaxedOut matches KubeHpaMaxedOut");
    expect(pull.body).toMatch(/\*\*allow\*\*/);
    expect(readMarker(pull.body)).toMatchObject({ kind: "remediation-pr", incident: "inc-0123456789ab", runbook: "cpu-saturation-scale-up", step: 1 });
    expect(pull.labels).toEqual(["agenticops", "remediation"]);
    expect([...publisher.checkRuns.values()].map((c) => [c.name, c.conclusion])).toEqual([["agenticops/policy", "success"]]);
  });

  test("a step beyond the repository's bound is denied and reported on the incident issue, once", async () => {
    const tight = context({ config: config({ policy: { bounds: { max_replica_change: 1 } } }) });
    expect(await remediateAlertIncident(hpaMaxedOut(), tight, ports)).toEqual({ kind: "reported", reason: "denied", on: ISSUE });
    expect(await remediateAlertIncident(hpaMaxedOut(), tight, ports)).toEqual({ kind: "reported", reason: "denied", on: ISSUE });
    expect(publisher.commits).toEqual([]);
    const comments = publisher.comments.get(ISSUE) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain("### Remediation denied by policy");
    expect(comments[0]).toMatch(/\| `repository-bounds@[0-9a-f]{4}` \| repository \| deny \| hpa.maxReplicas .*: 10 → 12 changes it by 2, more than 1 \|/);
  });

  test("nothing is written for a resolved incident, under the kill switch, or while a step awaits review", async () => {
    expect(await remediateAlertIncident(incidentWith(tracked("KubeHpaMaxedOut", { horizontalpodautoscaler: "shop-web", namespace: "shop" }), { resolvedAt: "2026-11-23T14:03:00.000Z" }), context(), ports)).toMatchObject({ kind: "ignored", reason: expect.stringContaining("resolved on its own") });
    expect(await remediateAlertIncident(hpaMaxedOut(), context({ config: config({ kill_switch: true }) }), ports)).toMatchObject({ kind: "ignored", reason: expect.stringContaining("kill_switch") });
    publisher.openLabels.push("agenticops/stop");
    expect(await remediateAlertIncident(hpaMaxedOut(), context(), ports)).toMatchObject({ kind: "ignored", reason: expect.stringContaining("kill switch label") });
    publisher.openLabels.length = 0;
    publisher.addPull("agenticops/inc-0123456789ab");
    expect(await remediateAlertIncident(hpaMaxedOut(), context(), ports)).toEqual({ kind: "ignored", reason: "pull request #1 for this incident awaits review" });
    expect(publisher.writes).toEqual([]);
  });

  test("a pull request closed unmerged is a human's no: nothing more for this incident", async () => {
    publisher.addPull("agenticops/inc-0123456789ab", { state: "closed" });
    expect(await remediateAlertIncident(hpaMaxedOut(), context(), ports)).toMatchObject({ kind: "ignored", reason: expect.stringContaining("closed #1 without merging") });
  });

  test("after a merged step the next one goes on its own branch, and the runbook's max_steps stops the loop", async () => {
    const marker = (step: number) => `<!-- agenticops:v1 {"incident":"inc-0123456789ab","kind":"remediation-pr","runbook":"cpu-saturation-scale-up","step":${step}} -->`;
    publisher.addPull("agenticops/inc-0123456789ab", { state: "closed", merged: true, body: marker(1), createdAt: "2026-11-23T12:00:00.000Z" });
    expect(await remediateAlertIncident(hpaMaxedOut(), context(), ports)).toMatchObject({ kind: "pull-request", step: 2 });
    expect(publisher.commits.map((c) => c.branch)).toEqual(["agenticops/inc-0123456789ab-2"]);
    publisher.pulls[1]!.state = "closed";
    publisher.pulls[1]!.merged = true;
    expect(await remediateAlertIncident(hpaMaxedOut(), context(), ports)).toEqual({ kind: "reported", reason: "no runbook could act", on: ISSUE });
    expect(publisher.comments.get(ISSUE)?.[0]).toContain("`cpu-saturation-scale-up`: stop condition max_steps: 2 steps already taken for this incident, at most 2 allowed");
  });

  test("a step merged hours ago still counts against the step budget", async () => {
    const marker = `<!-- agenticops:v1 {"incident":"inc-0123456789ab","kind":"remediation-pr","runbook":"cpu-saturation-scale-up","step":1} -->`;
    publisher.addPull("agenticops/inc-0123456789ab", { state: "closed", merged: true, body: marker, createdAt: "2026-11-23T09:00:00.000Z" });
    const budget = context({ config: config({ policy: { step_budget: 1 } }) });
    expect(await remediateAlertIncident(hpaMaxedOut(), budget, ports)).toEqual({ kind: "reported", reason: "denied", on: ISSUE });
    expect(publisher.comments.get(ISSUE)?.[0]).toMatch(/repository-step-budget@[0-9a-f]{4}` \| repository \| deny \| this incident already had 1 action\(s\); the budget is 1 \|/);
  });

  test("a crash loop right after a deploy reverts the deployed range through git, labelled as a rollback", async () => {
    const good = sha("1");
    const bad = sha("b");
    history.deployments = [
      { id: 2, sha: bad, ref: "main", environment: "production", createdAt: "2026-11-23T13:55:00Z", state: "success" },
      { id: 1, sha: good, ref: "main", environment: "production", createdAt: "2026-11-23T10:00:00Z", state: "success" },
    ];
    history.comparisons.set(`${good}...${bad}`, comparison([commit(bad, [good], "feat: new cache")], [sourceChange("src/cache.ts")]));
    const outcome = await remediateAlertIncident(crashLoop(), context(), ports);
    expect(outcome).toMatchObject({ kind: "pull-request", runbook: "crashloop-after-deploy-rollback" });
    expect(workspace.reverted).toEqual([[{ sha: bad, parents: 1 }]]);
    expect(workspace.pushed).toEqual(["agenticops/inc-0123456789ab"]);
    expect(publisher.pulls[0]!.labels).toEqual(["agenticops", "remediation", "rollback"]);
    expect(publisher.pulls[0]!.body).toContain("The newest deploy to `production` shipped `bbbbbbb`");
  });

  test("a crash loop long after the last deploy is not blamed on it", async () => {
    history.deployments = [
      { id: 2, sha: sha("b"), ref: "main", environment: "production", createdAt: "2026-11-23T08:00:00Z", state: "success" },
      { id: 1, sha: sha("1"), ref: "main", environment: "production", createdAt: "2026-11-22T10:00:00Z", state: "success" },
    ];
    history.comparisons.set(`${sha("1")}...${sha("b")}`, comparison([commit(sha("b"), [sha("1")], "feat")], [sourceChange("src/cache.ts")]));
    expect(await remediateAlertIncident(crashLoop(), context(), ports)).toEqual({ kind: "reported", reason: "no runbook could act", on: ISSUE });
    expect(workspace.opened).toEqual([]);
  });

  test("an alert no runbook knows changes nothing and reads nothing", async () => {
    expect(await remediateAlertIncident(incidentWith(tracked("DiskAlmostFull", { instance: "db-1" })), context(), ports)).toEqual({ kind: "ignored", reason: "no runbook matches the firing alerts" });
    expect(publisher.reads).toEqual([]);
    expect(history.calls).toEqual([]);
  });
});
