import { beforeEach, describe, expect, test } from "@jest/globals";
import { parseCommitTrailers } from "../../src/core/act/commit-trailers.js";
import { rollBackDeploy, type RollbackContext, type RollbackPorts } from "../../src/core/roll-back-deploy.js";
import { botIdentity } from "../../src/app/bot-identity.js";
import { RepoConfig } from "../../src/schemas/repo-config.js";
import { bundledPolicies } from "./support/bundled-policies.js";
import { FakeDeployHistory, run } from "./support/fake-deploy-history.js";
import { FakeWorkspace } from "./support/fake-workspace.js";
import { InMemoryChangePublisher } from "./support/in-memory-change-publisher.js";
import { InMemoryCodeHost } from "./support/in-memory-code-host.js";
import { comparison, commit, deployIncident, deploySensed, FAILING, k8sDeployment, LAST_GOOD, modified, sha, sourceChange } from "./support/rollback-fixtures.js";

const K8S = "k8s/deployment.yaml";
const incident = deployIncident();
const sensed = deploySensed();
const range = [commit(sha("a"), [LAST_GOOD], "fix: cart totals"), commit(FAILING, [sha("a")], "release: shop 1.5.0")];

let host: InMemoryCodeHost;
let publisher: InMemoryChangePublisher;
let ports: RollbackPorts;
let warnings: unknown[];
const context = (config: Record<string, unknown> = {}, change: Partial<RollbackContext> = {}): RollbackContext => ({
  config: RepoConfig.parse({ deploys: [{ workflow: "deploy" }], ...config }),
  dryRun: false,
  bot: botIdentity({ id: 99, slug: "agenticops" }),
  clone: { url: "https://github.com/acme/shop.git", token: async () => "t" },
  policies: bundledPolicies(),
  ...change,
});
const written = () => [...host.writes.map((w) => w.op), ...publisher.writes.map((w) => w.op)];

beforeEach(() => {
  host = new InMemoryCodeHost();
  const history = new FakeDeployHistory();
  history.runs = [run(10, FAILING, "failure", 4200), run(9, LAST_GOOD, "success")];
  history.comparisons.set(`${LAST_GOOD}...${FAILING}`, comparison(range, [modified(K8S, k8sDeployment("1.4.2"), k8sDeployment("1.5.0")), sourceChange("src/cart.ts")]));
  publisher = new InMemoryChangePublisher();
  publisher.setFile("main", K8S, k8sDeployment("1.5.0"));
  warnings = [];
  const noop = () => undefined;
  ports = { host, history, publisher, workspace: new FakeWorkspace(), log: { debug: noop, info: noop, warn: (d) => void warnings.push(d), error: noop }, clock: { now: () => new Date("2026-11-23T14:05:00.000Z") } };
});

describe("rollBackDeploy: the policy gate", () => {
  test("the bundled policies allow the pin; the pull request lists every rule, its policy and the approvals", async () => {
    expect(await rollBackDeploy(sensed, context(), ports)).toMatchObject({ kind: "pull-request", action: "set-image-tag" });
    const body = publisher.pulls[0]!.body;
    expect(body).toMatch(/\| `rollback-scope@[0-9a-f]{4}` \| default \| allow \| 1 file\(s\), all changed by the failing range \|/);
    expect(body).toMatch(/\| `kill-switch@[0-9a-f]{4}` \| builtin \| allow \|/);
    expect(body).toContain("Approvals required: 1. Automerge: not granted.");
    // the facts came from one listing of recent bot pull requests and one label search
    expect(publisher.reads).toEqual(expect.arrayContaining(["recent:agenticops/", "label:agenticops/stop"]));
  });

  test("no policy loaded: denied, and the issue says so", async () => {
    expect(await rollBackDeploy(sensed, context({}, { policies: { policies: [] } }), ports)).toMatchObject({ kind: "issue", reason: "denied" });
    expect(host.issues[0]?.body).toMatch(/policy-set@[0-9a-f]{4}: no valid policy is loaded, so every action is denied/);
    expect(publisher.writes).toEqual([]);
  });

  test("the repository tightens: only reverts allowed here, so the pin is denied", async () => {
    expect(await rollBackDeploy(sensed, context({ policy: { allowed_actions: ["revert-commits"] } }), ports)).toMatchObject({ kind: "issue", reason: "denied" });
    expect(host.issues[0]?.body).toMatch(/repository-allowed-actions@[0-9a-f]{4}: set-image-tag is not an allowed action in production/);
  });

  test("a repository's attempt to loosen is logged and has no effect", async () => {
    await rollBackDeploy(sensed, context({ policy: { step_budget: 99 } }), ports);
    expect(warnings).toEqual([expect.objectContaining({ warnings: ["policy.step_budget: 99 is looser than the organisation's 3; the organisation's limit applies"] })]);
    expect(publisher.pulls).toHaveLength(1);
  });

  test("ten bot pull requests in the last hour open the circuit breaker", async () => {
    for (let i = 0; i < 10; i += 1) publisher.addPull(`agenticops/inc-${String(i).padStart(12, "0")}`, { state: "closed", createdAt: "2026-11-23T13:30:00.000Z" });
    publisher.addPull("agenticops/inc-old000000000", { state: "closed", createdAt: "2026-11-23T12:00:00.000Z" });
    expect(await rollBackDeploy(sensed, context(), ports)).toMatchObject({ kind: "issue", reason: "denied" });
    expect(host.issues[0]?.body).toContain("circuit breaker open: 10 bot action(s) in acme/shop in the last hour, the limit is 10");
  });

  test("a freeze window needs approval: the pull request is still opened, saying so in the trailer and the body", async () => {
    const freeze = { freeze_windows: [{ name: "monday", days: ["mon"], start: "00:00", end: "00:00", timezone: "UTC" }] };
    expect(await rollBackDeploy(sensed, context({ policy: freeze }), ports)).toMatchObject({ kind: "pull-request" });
    expect(parseCommitTrailers(publisher.commits[0]!.message).policy).toMatch(/^needs-approval \(.*repository-change-freeze@[0-9a-f]{4}\)$/);
    expect(publisher.pulls[0]!.body).toContain('inside the change freeze "monday": a human must approve');
  });

  test("the stop label on any open item: nothing is written, not even an issue", async () => {
    publisher.openLabels.push("agenticops/stop");
    expect(await rollBackDeploy(sensed, context(), ports)).toMatchObject({ kind: "ignored", reason: "a kill switch label is set on an open issue or pull request" });
    expect(written()).toEqual([]);
  });

  test("kill_switch in the config: ignored before anything is read", async () => {
    expect(await rollBackDeploy(sensed, context({ kill_switch: true }), ports)).toEqual({ kind: "ignored", incidentId: incident.id, reason: "kill_switch is on in .github/agenticops.yml" });
    expect(written()).toEqual([]);
    expect(publisher.reads).toEqual([]);
  });

  test("the rollback runbook set to observe: the incident issue only", async () => {
    const outcome = await rollBackDeploy(sensed, context({ runbooks: { "deploy-failed-rollback": { mode: "observe" } } }), ports);
    expect(outcome).toMatchObject({ kind: "issue", reason: "observe mode" });
    expect(host.issues[0]?.body).toContain("The deploy-failed-rollback runbook is in observe mode");
    expect(publisher.writes).toEqual([]);
  });
});
