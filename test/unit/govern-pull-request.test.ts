import { beforeEach, describe, expect, test } from "@jest/globals";
import { parseCommitTrailers } from "../../src/core/act/commit-trailers.js";
import { governPullRequest, type GovernanceContext, type GovernanceTrigger } from "../../src/core/act/govern-pull-request.js";
import { readMarker, renderMarker } from "../../src/core/render/hidden-marker.js";
import { readPolicyCheckMarker } from "../../src/core/render/policy-check-marker.js";
import { renderPolicyCheck } from "../../src/core/render/render-policy-check.js";
import type { PolicyCheckRecord } from "../../src/schemas/policy-check-record.js";
import { FakeGovernanceHost } from "./support/fake-governance-host.js";

const repo = { owner: "acme", name: "shop" };
const BOT = "agenticops[bot]";
const INCIDENT = "inc-0123456789ab";
const BOT_SHA = "b".repeat(40);
const HUMAN_SHA = "d".repeat(40);
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const BOT_MESSAGE = `Roll back production: shop 1.5.0 → 1.4.2\n\nAgenticops-Incident: ${INCIDENT}\nAgenticops-Action: set-image-tag\nAgenticops-Runbook: deploy-failed-rollback\nAgenticops-Policy: allow (automerge-low-risk@1a2b)\n`;

const record = (change: Partial<PolicyCheckRecord> = {}): PolicyCheckRecord => ({
  incident: INCIDENT,
  action: "set-image-tag",
  runbook: "deploy-failed-rollback",
  risk: "low",
  verdict: "needs-approval",
  rules: [{ rule: "automerge-low-risk@1a2b", verdict: "needs-approval", reason: "one approval, then the bot may merge" }],
  requiredApprovals: 1,
  automerge: { granted: true, reason: "low-risk image pins merge themselves" },
  evaluatedAt: "2026-11-23T14:05:00.000Z",
  sha: BOT_SHA,
  ...change,
});

let host: FakeGovernanceHost;
let mode: string;
let killSwitch: boolean;
const ctx = (): GovernanceContext => ({ bot: BOT, dryRun: false, settings: async () => ({ mode, killSwitch }), killLabels: ["agenticops/stop"] });
const govern = (trigger: GovernanceTrigger = { kind: "checks" }) => governPullRequest({ host, log: silent }, ctx(), repo, 7, trigger);
const seedDecision = (r: PolicyCheckRecord) => {
  const view = renderPolicyCheck({ record: r, tally: null, mode });
  host.ownRuns.set(r.sha, { id: 1, headSha: r.sha, status: "completed", conclusion: view.conclusion, title: view.title, summary: view.summary, text: view.text });
};
const approve = (user: string, commitId = BOT_SHA) => host.reviews.push({ user, state: "APPROVED", commitId, submittedAt: "2026-11-23T14:10:00Z" });

beforeEach(() => {
  mode = "automate";
  killSwitch = false;
  host = new FakeGovernanceHost({
    number: 7,
    url: "https://github.com/acme/shop/pull/7",
    title: "Roll back production: shop 1.5.0 → 1.4.2 after the deploy of fffffff failed",
    state: "open",
    merged: false,
    draft: false,
    author: BOT,
    headRef: `agenticops/${INCIDENT}`,
    headSha: BOT_SHA,
    baseRef: "main",
    body: `## Summary\n\n${renderMarker({ incident: INCIDENT, kind: "rollback-pr" })}`,
    labels: ["agenticops", "rollback"],
  });
  host.commits = [{ sha: BOT_SHA, author: BOT, message: BOT_MESSAGE }];
  host.permissions.set("eve", "write");
  host.checks.set(BOT_SHA, [{ name: "test", source: "check-run", status: "completed", conclusion: "success" }]);
  seedDecision(record());
});

describe("governPullRequest", () => {
  test("a pull request that is not the bot's is ignored without a write", async () => {
    host.pr.author = "dana";
    expect(await govern()).toEqual({ kind: "ignored", reason: "not an AgenticOps pull request" });
    expect(host.writes).toEqual([]);
  });

  test("an approval of the head turns the policy check green and, in automate mode, merges pinned to the head", async () => {
    approve("eve");
    const outcome = await govern({ kind: "review", state: "APPROVED", reviewer: "eve", commitId: BOT_SHA, at: "2026-11-23T14:10:00Z" });
    expect(outcome).toMatchObject({ kind: "governed", check: "updated", merge: { kind: "merge", sha: BOT_SHA }, merged: "e".repeat(40) });
    expect(host.writes.map((w) => w.op)).toEqual(["ensureCheckRun", "merge"]);
    expect(host.ownRuns.get(BOT_SHA)?.conclusion).toBe("success");
    const merge = host.writes[1] as { title: string; message: string; sha: string };
    expect(merge.title).toBe(`Merge pull request #7 from acme/agenticops/${INCIDENT}`);
    const trailers = parseCommitTrailers(`${merge.title}\n\n${merge.message}`);
    expect(trailers).toMatchObject({ incident: INCIDENT, action: "set-image-tag", runbook: "deploy-failed-rollback", policy: "allow (automerge-low-risk@1a2b)" });
    expect(trailers.other).toEqual({ "Agenticops-Merge": `automate ${BOT_SHA}`, "Agenticops-Approved-By": "eve" });
  });

  test("in assist mode the check follows the approvals but the bot never merges, nor reads the head's checks", async () => {
    mode = "assist";
    approve("eve");
    const outcome = await govern();
    expect(outcome).toMatchObject({ merge: { kind: "refuse", reasons: ["the effective mode is assist, not automate: a human merges"] }, merged: null });
    expect(host.writes.map((w) => w.op)).toEqual(["ensureCheckRun"]);
    expect(host.reads.filter((r) => r.startsWith("checks:"))).toEqual([]);
  });

  test("pending checks on the head: wait, nothing merged", async () => {
    approve("eve");
    host.checks.set(BOT_SHA, [{ name: "test", source: "check-run", status: "in_progress", conclusion: null }]);
    expect(await govern()).toMatchObject({ merge: { kind: "wait", reasons: ["test is still running on bbbbbbb"] }, merged: null });
    expect(host.writes.map((w) => w.op)).not.toContain("merge");
  });

  test("the head moving between decision and merge: GitHub's 409 merges nothing", async () => {
    approve("eve");
    host.mergeResult = { kind: "head-moved" };
    expect(await govern()).toMatchObject({ merge: { kind: "merge" }, merged: null });
  });

  test("changes requested are a recorded override: label, one comment with the marker, and no merge", async () => {
    approve("eve");
    host.reviews.push({ user: "sam", state: "CHANGES_REQUESTED", commitId: BOT_SHA, submittedAt: "2026-11-23T14:12:00Z" });
    const trigger: GovernanceTrigger = { kind: "review", state: "changes_requested", reviewer: "sam", commitId: BOT_SHA, at: "2026-11-23T14:12:00Z" };
    const outcome = await govern(trigger);
    expect(outcome).toMatchObject({ kind: "governed", merge: { kind: "refuse" }, merged: null });
    expect(host.pr.labels).toContain("agenticops/overridden");
    expect(readMarker(host.comments[0]?.body)).toEqual({ incident: INCIDENT, kind: "override-comment", overrides: [{ kind: "changes-requested", by: "sam", at: "2026-11-23T14:12:00Z", sha: BOT_SHA }] });
    const writes = host.writes.length;
    await govern(trigger);
    expect(host.writes.slice(writes).map((w) => w.op)).toEqual([]);
  });

  test("closing unmerged is recorded as an override, added to the same comment", async () => {
    host.comments.push({ id: 1, url: "", bot: true, body: renderMarker({ incident: INCIDENT, kind: "override-comment", overrides: [{ kind: "changes-requested", by: "sam", at: "2026-11-23T14:12:00Z", sha: BOT_SHA }] }) });
    host.pr.labels.push("agenticops/overridden");
    host.pr.state = "closed";
    const outcome = await govern({ kind: "closed", by: "dana", at: "2026-11-23T15:00:00Z" });
    expect(outcome).toMatchObject({ kind: "override", result: "recorded" });
    expect(host.writes.map((w) => w.op)).toEqual(["updateComment"]);
    expect(readMarker(host.comments[0]?.body)?.overrides?.map((o) => `${o.kind}:${o.by}`)).toEqual(["changes-requested:sam", "closed-unmerged:dana"]);
  });

  test("after a human push, the pusher's approval does not count and the new head gets an action_required policy check", async () => {
    host.pr.headSha = HUMAN_SHA;
    host.commits.push({ sha: HUMAN_SHA, author: "dana", message: "fix the tag by hand" });
    host.permissions.set("dana", "admin");
    approve("dana", HUMAN_SHA);
    const outcome = await govern({ kind: "review", state: "APPROVED", reviewer: "dana", commitId: HUMAN_SHA, at: "2026-11-23T14:20:00Z" });
    expect(outcome).toMatchObject({ kind: "governed", check: "created", tally: { approvedBy: [], ignored: [{ login: "dana" }] }, merge: { kind: "refuse" }, merged: null });
    const check = host.ownRuns.get(HUMAN_SHA);
    expect(check?.conclusion).toBe("action_required");
    expect(check?.title).toBe("Changed by dana after the policy decision: needs 1 more approval from a reviewer with write access who did not push");
    expect(readPolicyCheckMarker(check?.text)?.sha).toBe(BOT_SHA);
    expect(host.reads).not.toContain("permission:dana");
  });

  test("an approver without write access is looked up and not counted", async () => {
    mode = "assist";
    approve("mallory");
    const outcome = await govern();
    expect(outcome).toMatchObject({ tally: { approvedBy: [], ignored: [{ login: "mallory", reason: "has no write access to the repository" }] } });
    expect(host.ownRuns.get(BOT_SHA)?.conclusion).toBe("action_required");
  });

  test("a code-owner requirement reads CODEOWNERS and the changed files; a non-owner's approval leaves the check waiting", async () => {
    seedDecision(record({ approvals: { count: 1, teams: [], codeowners: true } }));
    host.files = ["k8s/deployment.yaml"];
    host.defaultBranchFiles.set(".github/CODEOWNERS", "/k8s/ @olga\n");
    host.permissions.set("olga", "maintain");
    approve("eve");
    const waiting = await govern();
    expect(waiting).toMatchObject({ tally: { approvedBy: [], missing: ["a code owner's approval for k8s/deployment.yaml (@olga)"] }, merge: { kind: "wait" } });
    expect(host.ownRuns.get(BOT_SHA)?.summary).toContain("- still needed: a code owner's approval for k8s/deployment.yaml (@olga)");
    approve("olga");
    expect(await govern()).toMatchObject({ tally: { approvedBy: ["olga"], missing: [] }, merge: { kind: "merge" } });
  });

  test.each([
    ["kill_switch in the config", () => (killSwitch = true), "Stopped: kill_switch is on in .github/agenticops.yml"],
    ["the kill-switch label on the pull request", () => host.pr.labels.push("AgenticOps/Stop"), "Stopped: the AgenticOps/Stop label is on this pull request"],
  ])("%s fails the policy check and refuses the merge", async (_name, stop, title) => {
    approve("eve");
    stop();
    const outcome = await govern();
    expect(outcome).toMatchObject({ merge: { kind: "refuse" }, merged: null });
    expect(host.ownRuns.get(BOT_SHA)).toMatchObject({ conclusion: "failure", title });
  });

  test("a kill-switch label on another open item stops the merge that was about to happen", async () => {
    approve("eve");
    host.labelledOpenItems.push("agenticops/stop");
    const outcome = await govern();
    expect(outcome).toMatchObject({ merge: { kind: "refuse", reasons: ["stopped: the agenticops/stop label is on an open issue or pull request"] }, merged: null });
    expect(host.writes.map((w) => w.op)).not.toContain("merge");
  });
});
