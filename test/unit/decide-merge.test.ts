import { describe, expect, test } from "@jest/globals";
import { decideMerge, type MergeFacts } from "../../src/core/act/decide-merge.js";
import type { CheckFact } from "../../src/core/act/check-outcome.js";
import type { PolicyCheckRecord } from "../../src/schemas/policy-check-record.js";

const HEAD = "b".repeat(40);
const OLD = "a".repeat(40);
const record: PolicyCheckRecord = {
  incident: "inc-0123456789ab",
  action: "set-image-tag",
  runbook: "deploy-failed-rollback",
  risk: "low",
  verdict: "allow",
  rules: [{ rule: "automerge-low-risk@1a2b", verdict: "allow", reason: "low-risk image pins merge themselves" }],
  requiredApprovals: 0,
  automerge: { granted: true, reason: "low-risk image pins merge themselves" },
  evaluatedAt: "2026-11-23T14:05:00.000Z",
  sha: HEAD,
};
const run = (name: string, status: string, conclusion: string | null = null): CheckFact => ({ name, source: "check-run", status, conclusion });
const status = (name: string, state: string): CheckFact => ({ name, source: "status", status: state, conclusion: null });

const facts = (change: Partial<MergeFacts> = {}): MergeFacts => ({
  mode: "automate",
  pullRequest: { state: "open", merged: false, draft: false, headSha: HEAD, labels: ["agenticops"] },
  record,
  policyConclusion: "success",
  humanCommitters: [],
  tally: { approvedBy: [], ignored: [], changesRequestedBy: [], missing: [] },
  checks: [run("test", "completed", "success")],
  requiredChecks: null,
  stopped: null,
  ...change,
});

describe("decideMerge", () => {
  test("merges, pinned to the head SHA, when everything holds", () => {
    expect(decideMerge(facts())).toEqual({ kind: "merge", sha: HEAD });
  });

  test.each<[string, Partial<MergeFacts>, string]>([
    ["assist mode", { mode: "assist" }, "the effective mode is assist, not automate: a human merges"],
    ["observe mode", { mode: "observe" }, "the effective mode is observe, not automate: a human merges"],
    ["no automerge grant", { record: { ...record, automerge: { granted: false, reason: "high risk" } } }, "the policy grants no automerge for set-image-tag at risk low: high risk"],
    ["a deny", { record: { ...record, verdict: "deny" } }, "the policy denies this change"],
    ["no recorded decision", { record: null }, "no policy decision of the bot covers the head bbbbbbb"],
    ["a decision on another commit", { record: { ...record, sha: OLD } }, "the policy decision covers aaaaaaa, not the head bbbbbbb"],
    ["a human commit on the branch", { humanCommitters: ["dana"] }, "commits by dana are on the branch: the policy judged only the bot's change"],
    ["the override label", { pullRequest: { state: "open", merged: false, draft: false, headSha: HEAD, labels: ["agenticops/overridden"] } }, "a human override is recorded (label agenticops/overridden)"],
    ["changes requested", { tally: { approvedBy: ["eve"], ignored: [], changesRequestedBy: ["sam"], missing: [] } }, "changes requested by sam"],
    ["a draft", { pullRequest: { state: "open", merged: false, draft: true, headSha: HEAD, labels: [] } }, "the pull request is a draft"],
    ["a closed pull request", { pullRequest: { state: "closed", merged: false, draft: false, headSha: HEAD, labels: [] } }, "the pull request is closed"],
    ["a merged pull request", { pullRequest: { state: "closed", merged: true, draft: false, headSha: HEAD, labels: [] } }, "the pull request is already merged"],
    ["a failed check", { checks: [run("test", "completed", "failure")] }, "test concluded failure on bbbbbbb"],
    ["a failed status", { checks: [run("test", "completed", "success"), status("ci/jenkins", "error")] }, "ci/jenkins concluded error on bbbbbbb"],
    ["a failed check that is not required", { checks: [run("test", "completed", "success"), run("lint", "completed", "timed_out")], requiredChecks: ["test"] }, "lint concluded timed_out on bbbbbbb"],
  ])("refuses with %s", (_name, change, reason) => {
    const decision = decideMerge(facts(change));
    expect(decision.kind).toBe("refuse");
    expect(decision.kind === "refuse" && decision.reasons).toContain(reason);
  });

  test.each<[string, Partial<MergeFacts>, string]>([
    ["a pending check", { checks: [run("test", "in_progress")] }, "test is still running on bbbbbbb"],
    ["a pending status", { checks: [status("ci/jenkins", "pending")] }, "ci/jenkins is still running on bbbbbbb"],
    ["no checks at all yet", { checks: [] }, "no checks have reported on bbbbbbb yet"],
    ["a required check not reported", { requiredChecks: ["test", "e2e"] }, "required check e2e has not reported on bbbbbbb"],
    ["missing approvals", { record: { ...record, requiredApprovals: 1 }, tally: { approvedBy: [], ignored: [{ login: "dana", reason: "pushed commits" }], changesRequestedBy: [], missing: [] } }, "needs 1 approval on bbbbbbb, has 0"],
    ["the policy check not green", { policyConclusion: "action_required" }, "the agenticops/policy check is action_required, not success"],
    ["a code owner missing", { tally: { approvedBy: [], ignored: [], changesRequestedBy: [], missing: ["a code owner's approval for k8s/a.yaml (@olga)"] } }, "needs a code owner's approval for k8s/a.yaml (@olga) on bbbbbbb"],
  ])("waits with %s", (_name, change, reason) => {
    expect(decideMerge(facts(change))).toEqual({ kind: "wait", reasons: [reason] });
  });

  test("a change freeze that began after the policy decision makes the bot wait, not merge", () => {
    expect(decideMerge(facts({ freezes: ["weekend"] }))).toEqual({ kind: "wait", reasons: ['the change freeze "weekend" holds now: the bot does not merge until it ends (a human may)'] });
  });

  test("a queued required check and a passed one: waits only for the queued", () => {
    const decision = decideMerge(facts({ requiredChecks: ["test", "build"], checks: [run("test", "completed", "success"), run("build", "queued")] }));
    expect(decision).toEqual({ kind: "wait", reasons: ["build is still running on bbbbbbb"] });
  });

  test("neutral and skipped pass, as in branch protection; a check run and status of the same name both count", () => {
    expect(decideMerge(facts({ checks: [run("test", "completed", "neutral"), run("docs", "completed", "skipped")] }))).toEqual({ kind: "merge", sha: HEAD });
    const both = decideMerge(facts({ requiredChecks: ["ci"], checks: [run("ci", "completed", "success"), status("ci", "pending")] }));
    expect(both).toEqual({ kind: "wait", reasons: ["ci is still running on bbbbbbb"] });
  });

  test("counted approvals satisfy the requirement", () => {
    const approved = facts({ record: { ...record, requiredApprovals: 1 }, tally: { approvedBy: ["eve"], ignored: [], changesRequestedBy: [], missing: [] } });
    expect(decideMerge(approved)).toEqual({ kind: "merge", sha: HEAD });
  });

  test("every refusal is reported, not just the first", () => {
    const decision = decideMerge(facts({ mode: "assist", humanCommitters: ["dana"], checks: [run("test", "completed", "cancelled")] }));
    expect(decision).toEqual({
      kind: "refuse",
      reasons: ["the effective mode is assist, not automate: a human merges", "commits by dana are on the branch: the policy judged only the bot's change", "test concluded cancelled on bbbbbbb"],
    });
  });
});
