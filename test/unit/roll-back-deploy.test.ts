import { beforeEach, describe, expect, test } from "@jest/globals";
import { parseCommitTrailers } from "../../src/core/act/commit-trailers.js";
import { readMarker } from "../../src/core/render/hidden-marker.js";
import { readPolicyCheckMarker } from "../../src/core/render/policy-check-marker.js";
import { branchFor, rollBackDeploy, type RollbackContext, type RollbackPorts } from "../../src/core/roll-back-deploy.js";
import { botIdentity } from "../../src/app/bot-identity.js";
import { RepoConfig } from "../../src/schemas/repo-config.js";
import { FakeDeployHistory, run } from "./support/fake-deploy-history.js";
import { FakeWorkspace } from "./support/fake-workspace.js";
import { bundledPolicies } from "./support/bundled-policies.js";
import { InMemoryChangePublisher } from "./support/in-memory-change-publisher.js";
import { InMemoryCodeHost } from "./support/in-memory-code-host.js";
import { comparison, commit, deployIncident, deploySensed, FAILING, k8sDeployment, LAST_GOOD, modified, sha, sourceChange } from "./support/rollback-fixtures.js";

const K8S = "k8s/deployment.yaml";
const incident = deployIncident();
const BRANCH = `agenticops/${incident.id}`;
const sensed = deploySensed();
const failingCommit = commit(FAILING, [sha("a")], "release: shop 1.5.0");
const range = [commit(sha("a"), [LAST_GOOD], "fix: cart totals"), failingCommit];

let host: InMemoryCodeHost;
let history: FakeDeployHistory;
let publisher: InMemoryChangePublisher;
let workspace: FakeWorkspace;
let ports: RollbackPorts;
let ctx: RollbackContext;
const context = (change: Partial<RollbackContext> & { mode?: "observe" | "assist" } = {}): RollbackContext => ({
  ...ctx,
  ...change,
  config: RepoConfig.parse({ mode: change.mode ?? "assist", deploys: [{ workflow: "deploy" }] }),
});
/** What the bot wrote anywhere: issues, branches, pull requests, pushes. */
const written = () => [...host.writes.map((w) => w.op), ...publisher.writes.map((w) => w.op), ...workspace.pushed.map(() => "push")];

beforeEach(() => {
  host = new InMemoryCodeHost();
  host.jobs = [{ id: 7, name: "deploy", conclusion: "failure", url: "https://github.com/acme/shop/actions/runs/4200/job/7", failedStep: "rollout" }];
  host.logs.set(7, '2026-11-23T14:04:02.0000000Z error: deployment "shop" exceeded its progress deadline\n');
  host.files.set(".github/CODEOWNERS", "* @acme/platform\nk8s/ @alice @acme/sre\n");
  history = new FakeDeployHistory();
  history.runs = [run(10, FAILING, "failure", 4200), run(9, LAST_GOOD, "success")];
  history.comparisons.set(`${LAST_GOOD}...${FAILING}`, comparison(range, [modified(K8S, k8sDeployment("1.4.2"), k8sDeployment("1.5.0")), sourceChange("src/cart.ts")]));
  publisher = new InMemoryChangePublisher();
  publisher.setFile("main", K8S, k8sDeployment("1.5.0"));
  workspace = new FakeWorkspace();
  const noop = () => undefined;
  ports = { host, history, publisher, workspace, log: { debug: noop, info: noop, warn: noop, error: noop }, clock: { now: () => new Date("2026-11-23T14:05:00.000Z") } };
  ctx = { config: RepoConfig.parse({}), dryRun: false, bot: botIdentity({ id: 99, slug: "agenticops" }), clone: { url: "https://github.com/acme/shop.git", token: async () => "installation-token" }, policies: bundledPolicies() };
});

describe("rollBackDeploy: when not to act", () => {
  test("a newer successful deploy run makes the failure stale: nothing is written", async () => {
    history.runs.unshift(run(11, sha("b"), "success"));
    const outcome = await rollBackDeploy(sensed, context(), ports);
    expect(outcome).toEqual({ kind: "ignored", incidentId: incident.id, reason: "run #11 of the same workflow succeeded after the failure" });
    expect(written()).toEqual([]);
    expect(history.calls.some((c) => c.startsWith("compare"))).toBe(false);
  });

  test("an open rollback PR for the incident: ignored before history is even read", async () => {
    publisher.addPull(BRANCH, { number: 1 });
    const outcome = await rollBackDeploy(sensed, context(), ports);
    expect(outcome).toEqual({ kind: "ignored", incidentId: incident.id, reason: "rollback pull request #1 is already open" });
    expect(written()).toEqual([]);
    expect(history.calls).toEqual([]);
  });

  test("a rollback PR closed without merging is a human's no: not proposed again", async () => {
    publisher.addPull(BRANCH, { state: "closed" });
    const outcome = await rollBackDeploy(sensed, context(), ports);
    expect(outcome).toMatchObject({ kind: "ignored", reason: "rollback pull request #1 was closed without merging; not proposing it again" });
    expect(written()).toEqual([]);
  });

  test("observe mode: the incident issue only, with the evidence", async () => {
    const outcome = await rollBackDeploy(sensed, context({ mode: "observe" }), ports);
    expect(outcome).toEqual({ kind: "issue", incidentId: incident.id, reason: "observe mode", issue: 1 });
    expect(written()).toEqual(["createIssue"]);
    expect(host.issues[0]?.labels).toEqual(["agenticops", "severity/high"]);
    expect(host.issues[0]?.body).toContain('error: deployment "shop" exceeded its progress deadline');
  });

  test("no earlier good version: an issue that says there is nothing to roll back to", async () => {
    history.runs = [run(10, FAILING, "failure", 4200)];
    const outcome = await rollBackDeploy(sensed, context(), ports);
    expect(outcome).toMatchObject({ kind: "issue", reason: "no earlier successful run of this workflow on this branch" });
    expect(written()).toEqual(["createIssue"]);
    expect(host.issues[0]?.body).toContain("## Why there is no rollback pull request\n\nNothing to roll back to: no earlier successful run of this workflow on this branch.");
  });

  test("dry run: planned and gated, but nothing is written", async () => {
    const outcome = await rollBackDeploy(sensed, context({ dryRun: true }), ports);
    expect(outcome).toEqual({ kind: "ignored", incidentId: incident.id, reason: "dry run: the pull request was planned, not written" });
    expect(written()).toEqual([]);
    expect(workspace.opened).toEqual([]);
  });

  test("dry run of a handoff writes no issue either", async () => {
    history.comparisons.set(`${LAST_GOOD}...${FAILING}`, comparison(range, [sourceChange(".github/workflows/deploy.yml")]));
    const outcome = await rollBackDeploy(sensed, context({ dryRun: true }), ports);
    expect(outcome).toMatchObject({ kind: "issue", reason: "workflow-files" });
    expect(written()).toEqual([]);
  });
});

describe("rollBackDeploy: image pin", () => {
  test("commits the pin on the failing commit and its tree, then opens a labelled PR with CODEOWNERS reviewers", async () => {
    const outcome = await rollBackDeploy(sensed, context(), ports);
    expect(outcome).toEqual({ kind: "pull-request", incidentId: incident.id, number: 1, action: "set-image-tag" });
    expect(publisher.commits).toHaveLength(1);
    const change = publisher.commits[0]!;
    expect(change).toMatchObject({ branch: BRANCH, parent: FAILING, baseTree: failingCommit.tree, author: { name: "agenticops[bot]", email: "99+agenticops[bot]@users.noreply.github.com" } });
    expect(change.files).toEqual([{ path: K8S, text: k8sDeployment("1.4.2") }]);
    const pr = publisher.pulls[0]!;
    expect(pr).toMatchObject({ head: BRANCH, base: "main", labels: ["agenticops", "rollback", "severity/high"] });
    expect(pr.title).toBe("Roll back production: shop 1.5.0 → 1.4.2 after the deploy of fffffff failed");
    expect(readMarker(pr.body)).toEqual({ incident: incident.id, kind: "rollback-pr", detectedAt: incident.openedAt, environment: "production" });
    expect(pr.reviewers).toEqual({ users: ["alice"], teams: ["sre"] });
    expect(publisher.writes.map((w) => w.op)).toEqual(["commitToNewBranch", "createPullRequest", "addLabels", "requestReviewers", "ensureCheckRun"]);
    expect(host.writes).toEqual([]);
    expect(workspace.opened).toEqual([]);
  });

  test("the policy decision becomes the agenticops/policy check run on the bot's commit", async () => {
    await rollBackDeploy(sensed, context(), ports);
    const commit = publisher.branches.get(BRANCH)!;
    const check = publisher.checkRuns.get(`agenticops/policy@${commit}`);
    expect(check).toMatchObject({ conclusion: "success", title: "Allowed set-image-tag" });
    expect(check?.summary).toContain("| `rollback-scope@");
    expect(readPolicyCheckMarker(check?.text)).toMatchObject({ incident: incident.id, action: "set-image-tag", verdict: "allow", sha: commit, automerge: { granted: false } });
  });

  test("the commit message carries the four Agenticops trailers", async () => {
    await rollBackDeploy(sensed, context(), ports);
    const trailers = parseCommitTrailers(publisher.commits[0]!.message);
    expect(trailers).toMatchObject({ incident: incident.id, action: "set-image-tag", runbook: "image-pin", other: {} });
    expect(trailers.policy).toMatch(/^allow \(mode@[0-9a-f]{4}, protected-paths@[0-9a-f]{4}, kill-switch@[0-9a-f]{4}, allowed-actions@[0-9a-f]{4}, rollback-scope@[0-9a-f]{4}, bounds@[0-9a-f]{4}, step-budget@[0-9a-f]{4}, rate-limit@[0-9a-f]{4}, approvals@[0-9a-f]{4}\)$/);
  });

  test("the failing commit's tree is found by sha, wherever GitHub lists it in the range", async () => {
    history.comparisons.set(`${LAST_GOOD}...${FAILING}`, comparison([failingCommit, range[0]!], [modified(K8S, k8sDeployment("1.4.2"), k8sDeployment("1.5.0"))]));
    await rollBackDeploy(sensed, context(), ports);
    expect(publisher.commits[0]).toMatchObject({ parent: FAILING, baseTree: failingCommit.tree });
  });

  test("the branch already exists (another delivery won): lost race, no pull request, no issue", async () => {
    publisher.branches.set(BRANCH, sha("9"));
    const outcome = await rollBackDeploy(sensed, context(), ports);
    expect(outcome).toEqual({ kind: "lost-race", incidentId: incident.id });
    expect(written()).toEqual([]);
  });

  test("the branch holds this incident's bot commit but no pull request (an earlier attempt stopped): the pull request is opened on it", async () => {
    publisher.branches.set(BRANCH, sha("9"));
    publisher.tipMessages.set(BRANCH, `Roll back production\n\nAgenticops-Incident: ${incident.id}\nAgenticops-Action: set-image-tag\n`);
    const outcome = await rollBackDeploy(sensed, context(), ports);
    expect(outcome).toMatchObject({ kind: "pull-request", action: "adopted" });
    expect(written()).toEqual(["createPullRequest", "addLabels", "requestReviewers"]);
    expect(publisher.pulls[0]?.head).toBe(BRANCH);
  });

  test("a branch whose tip is another incident's or a human's commit is left alone", async () => {
    publisher.branches.set(BRANCH, sha("9"));
    publisher.tipMessages.set(BRANCH, "wip: my own experiment\n");
    expect(await rollBackDeploy(sensed, context(), ports)).toEqual({ kind: "lost-race", incidentId: incident.id });
    expect(written()).toEqual([]);
  });

  test("a CODEOWNERS line naming the bot is invalid, as on GitHub: the bot is never asked, the rule before it applies", async () => {
    host.files.set(".github/CODEOWNERS", "* @acme/platform\nk8s/ @alice @agenticops[bot]\n");
    await rollBackDeploy(sensed, context(), ports);
    expect(publisher.pulls[0]?.reviewers).toEqual({ users: [], teams: ["platform"] });
  });

  test("owners only of paths the PR does not touch are not asked; no owners, no review request", async () => {
    host.files.set(".github/CODEOWNERS", "docs/ @writers\n");
    await rollBackDeploy(sensed, context(), ports);
    expect(publisher.writes.map((w) => w.op)).toEqual(["commitToNewBranch", "createPullRequest", "addLabels", "ensureCheckRun"]);
  });
});

describe("rollBackDeploy: revert", () => {
  beforeEach(() => {
    history.comparisons.set(`${LAST_GOOD}...${FAILING}`, comparison(range, [sourceChange("src/cart.ts")]));
  });

  test("reverts the range in a clone of the default branch, pushes the incident branch and opens the PR", async () => {
    workspace.outcome = { kind: "reverted", reverted: [FAILING, sha("a")] };
    const outcome = await rollBackDeploy(sensed, context(), ports);
    expect(outcome).toMatchObject({ kind: "pull-request", number: 1, action: "revert-commits" });
    expect(workspace.opened).toEqual([{ cloneUrl: "https://github.com/acme/shop.git", token: "installation-token", baseBranch: "main", since: sha("a"), paths: ["src/cart.ts"] }]);
    expect(workspace.reverted).toEqual([[{ sha: FAILING, parents: 1 }, { sha: sha("a"), parents: 1 }]]);
    expect(workspace.pushed).toEqual([BRANCH]);
    expect(workspace.closed).toBe(1);
    expect(parseCommitTrailers(workspace.committed[0]!.message)).toMatchObject({ incident: incident.id, action: "revert-commits", runbook: "deploy-failed-rollback" });
    expect(publisher.pulls[0]?.title).toBe("Roll back production to 1111111: revert 2 commits after the deploy of fffffff failed");
    expect(publisher.pulls[0]?.reviewers).toEqual({ users: [], teams: ["platform"] });
  });

  test("a conflicting revert becomes an issue with the exact git commands a human runs", async () => {
    workspace.outcome = { kind: "conflict", commit: sha("a"), files: ["src/cart.ts"] };
    const outcome = await rollBackDeploy(sensed, context(), ports);
    expect(outcome).toMatchObject({ kind: "issue", reason: "revert-conflict", issue: 1 });
    expect(workspace.pushed).toEqual([]);
    expect(workspace.closed).toBe(1);
    expect(publisher.writes).toEqual([]);
    const body = host.issues[0]!.body;
    expect(body).toContain("Reverting aaaaaaa conflicts with later changes in `src/cart.ts`; a human has to resolve it.");
    expect(body).toContain(
      ["```sh", "git fetch origin", `git switch -c ${BRANCH} origin/main`, `git revert --no-edit ${FAILING}`, `git revert --no-edit ${sha("a")}`].join("\n"),
    );
    expect(body).toContain(`git push -u origin ${BRANCH}\n\`\`\``);
  });

  test("a revert that changes nothing becomes an issue saying it looks reverted already", async () => {
    workspace.outcome = { kind: "empty", reverted: [] };
    expect(await rollBackDeploy(sensed, context(), ports)).toMatchObject({ kind: "issue", reason: "revert-empty" });
    expect(host.issues[0]?.body).toContain("it looks reverted already");
  });

  test("a range touching protected paths is denied by the gate: issue, nothing pushed", async () => {
    history.comparisons.set(`${LAST_GOOD}...${FAILING}`, comparison(range, [sourceChange("src/cart.ts"), sourceChange("policies/rollback.yml")]));
    const outcome = await rollBackDeploy(sensed, context(), ports);
    expect(outcome).toMatchObject({ kind: "issue", reason: "denied" });
    expect(host.issues[0]?.body).toMatch(/The policy gate denied the rollback \(protected-paths@[0-9a-f]{4}: touches protected paths: policies\/rollback.yml\)/);
    expect(workspace.opened).toEqual([]);
    expect(publisher.writes).toEqual([]);
  });

  test("the branch name is the incident's", () => {
    expect(branchFor(incident)).toBe(BRANCH);
  });
});
