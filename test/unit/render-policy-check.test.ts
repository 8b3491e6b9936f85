import { describe, expect, test } from "@jest/globals";
import { readPolicyCheckMarker } from "../../src/core/render/policy-check-marker.js";
import { renderPolicyCheck } from "../../src/core/render/render-policy-check.js";
import type { PolicyCheckRecord } from "../../src/schemas/policy-check-record.js";

const SHA = "a".repeat(40);
const record = (change: Partial<PolicyCheckRecord> = {}): PolicyCheckRecord => ({
  incident: "inc-0123456789ab",
  action: "revert-commits",
  runbook: "deploy-failed-rollback",
  risk: "low",
  verdict: "allow",
  rules: [
    { rule: "rollback-scope@3e1a", verdict: "allow", reason: "1 file(s), all changed by the failing range" },
    { rule: "change-freeze@91c0", verdict: "allow", reason: "no freeze window is active" },
  ],
  requiredApprovals: 1,
  automerge: { granted: false, reason: "no policy rule grants automerge for this action" },
  evaluatedAt: "2026-11-23T14:05:00.000Z",
  sha: SHA,
  ...change,
});
const tally = (approvedBy: string[] = [], ignored: { login: string; reason: string }[] = [], changesRequestedBy: string[] = []) => ({ approvedBy, ignored, changesRequestedBy, missing: [] as string[] });

describe("renderPolicyCheck", () => {
  test("allow is a success listing every rule that applied with its id@hash, verdict and reason", () => {
    const view = renderPolicyCheck({ record: record(), tally: null, mode: "assist" });
    expect(view.conclusion).toBe("success");
    expect(view.title).toBe("Allowed revert-commits");
    expect(view.summary).toContain("| `rollback-scope@3e1a` | allow | 1 file(s), all changed by the failing range |");
    expect(view.summary).toContain("| `change-freeze@91c0` | allow | no freeze window is active |");
    expect(view.summary).toContain("**Verdict:** allow · action `revert-commits` · risk low · runbook `deploy-failed-rollback` · incident `inc-0123456789ab`");
    expect(view.summary).toContain("**Approvals:** 0 of 1 required on `aaaaaaa`.");
  });

  test("the decision record round-trips through the check's text, hidden from readers", () => {
    const view = renderPolicyCheck({ record: record(), tally: null, mode: "assist" });
    expect(readPolicyCheckMarker(view.text)).toEqual(record());
    expect(view.text).toMatch(/<!-- agenticops:policy-check:v1 \{.*\} -->$/);
  });

  test("needs-approval without enough approvals requires action and says how many are missing", () => {
    const view = renderPolicyCheck({ record: record({ verdict: "needs-approval", requiredApprovals: 2 }), tally: tally(["eve"]), mode: "assist" });
    expect(view.conclusion).toBe("action_required");
    expect(view.title).toBe("Needs 1 more approval of revert-commits from a reviewer with write access");
    expect(view.summary).toContain("**Approvals:** 1 of 2 required on `aaaaaaa` (`eve`).");
  });

  test("needs-approval becomes a success once the counted approvals reach the requirement", () => {
    const view = renderPolicyCheck({ record: record({ verdict: "needs-approval" }), tally: tally(["eve"]), mode: "assist" });
    expect(view.conclusion).toBe("success");
    expect(view.title).toBe("Allowed revert-commits; approved by eve");
  });

  test("deny is a failure whose title quotes the denying rule", () => {
    const rules = [{ rule: "change-freeze@91c0", verdict: "deny" as const, reason: "freeze window | release week is active" }];
    const view = renderPolicyCheck({ record: record({ verdict: "deny", rules, requiredApprovals: 0 }), tally: null, mode: "assist" });
    expect(view.conclusion).toBe("failure");
    expect(view.title).toBe("Denied revert-commits: freeze window \\| release week is active");
    expect(view.summary).toContain("| `change-freeze@91c0` | deny | freeze window \\| release week is active |");
  });

  test("approvals that do not count and requested changes are listed with their reasons", () => {
    const view = renderPolicyCheck({
      record: record({ verdict: "needs-approval" }),
      tally: tally([], [{ login: "dana", reason: "pushed commits to this pull request" }], ["eve"]),
      mode: "assist",
    });
    expect(view.conclusion).toBe("action_required");
    expect(view.summary).toContain("- not counted: `dana` — pushed commits to this pull request");
    expect(view.summary).toContain("- changes requested by `eve`: a human override, the bot will not merge");
  });

  test.each([
    [{ granted: false, reason: "no rule grants it" }, "automate", "**Automerge:** not granted — no rule grants it. A human merges this pull request."],
    [{ granted: true, reason: "low-risk rollbacks merge themselves" }, "assist", "**Automerge:** granted by policy, but the repository's mode is `assist`; a human merges this pull request."],
    [{ granted: true, reason: "low-risk rollbacks merge themselves" }, "automate", "**Automerge:** granted — low-risk rollbacks merge themselves. The bot merges once every required check passed"],
  ])("automerge %j in mode %s is explained", (automerge, mode, line) => {
    expect(renderPolicyCheck({ record: record({ automerge }), tally: null, mode }).summary).toContain(line);
  });

  test("after a human push the head was never judged: it needs an approval by someone who did not push", () => {
    const HEAD = "d".repeat(40);
    const changed = { headSha: HEAD, by: ["dana"] };
    const waiting = renderPolicyCheck({ record: record({ requiredApprovals: 0 }), tally: tally([], [{ login: "dana", reason: "pushed commits to this pull request" }]), mode: "assist", changed });
    expect(waiting.conclusion).toBe("action_required");
    expect(waiting.title).toBe("Changed by dana after the policy decision: needs 1 more approval from a reviewer with write access who did not push");
    expect(waiting.summary).toContain("**Changed after the decision:** `dana` pushed to the branch. The decision below judged the bot's commit `aaaaaaa`, not the head `ddddddd`");
    expect(waiting.summary).toContain("**Approvals:** 0 of 1 required on `ddddddd`.\n- not counted: `dana` — pushed commits to this pull request");
    const approved = renderPolicyCheck({ record: record({ requiredApprovals: 0 }), tally: tally(["eve"]), mode: "assist", changed });
    expect(approved.conclusion).toBe("success");
    expect(approved.title).toBe("Changed by dana after the policy decision; approved by eve");
  });

  test("what the requirement still lacks beyond the count is listed, and keeps a needs-approval check waiting", () => {
    const waiting = { ...tally(["eve"]), missing: ["a code owner's approval for k8s/deployment.yaml (@olga)"] };
    const view = renderPolicyCheck({ record: record({ verdict: "needs-approval" }), tally: waiting, mode: "assist" });
    expect(view.conclusion).toBe("action_required");
    expect(view.title).toBe("Needs a code owner's approval for k8s/deployment.yaml (@olga)");
    expect(view.summary).toContain("- still needed: a code owner's approval for k8s/deployment.yaml (@olga)");
  });
});
