import { describe, expect, test } from "@jest/globals";
import { countApprovals, type ApprovalContext, type Review } from "../../../src/core/gate/count-approvals.js";
import { approvals } from "../../../src/core/gate/rules/approvals.js";
import { facts, proposal, rule } from "./gate-fixtures.js";

const HEAD = "b".repeat(40);
const OLD = "a".repeat(40);
const context: ApprovalContext = {
  author: "agenticops[bot]",
  bot: "agenticops[bot]",
  headSha: HEAD,
  codeowners: { "k8s/deployment.yaml": ["@alice", "@acme/sre"], "src/cart.ts": ["@acme/payments"], "README.md": [] },
  teamMembers: { "acme/sre": ["bob", "Carol"], "Acme/Payments": ["dave"] },
};
let clock = 0;
const review = (login: string, state: Review["state"], commitId = HEAD): Review => ({ login, state, commitId, submittedAt: `2026-01-07T11:${String(clock++).padStart(2, "0")}:00Z` });
const need = (count: number, extra: { teams?: string[]; codeowners?: boolean } = {}) => ({ count, teams: extra.teams ?? [], codeowners: extra.codeowners ?? false });

describe("approvals rule", () => {
  test("records the requirement without changing the verdict; teams normalised", () => {
    expect(approvals(rule({ kind: "approvals", count: 2, teams: ["@Acme/SRE", "acme/sre"], codeowners: true }), proposal(), facts())).toEqual({
      verdict: "allow",
      reason: "2 approval(s) required, including one from each of acme/sre and the code owners of the changed files",
      approvals: { count: 2, teams: ["acme/sre"], codeowners: true },
    });
  });
});

describe("countApprovals", () => {
  test("one approval on the head commit satisfies a count of 1", () => {
    expect(countApprovals(need(1), [review("erin", "APPROVED")], context)).toEqual({ satisfied: true, counted: ["erin"], ignored: [], missing: [], missingOwners: [] });
  });

  test("the pull request's author and the bot never count", () => {
    const human = { ...context, author: "frank" };
    const result = countApprovals(need(1), [review("Frank", "APPROVED"), review("agenticops[bot]", "APPROVED")], human);
    expect(result.ignored).toEqual([
      { login: "Frank", reason: "the pull request's author" },
      { login: "agenticops[bot]", reason: "the bot" },
    ]);
    expect(result).toMatchObject({ satisfied: false, counted: [], missing: ["1 more approval(s)"] });
  });

  test("an approval of an older commit is stale", () => {
    const result = countApprovals(need(1), [review("erin", "APPROVED", OLD)], context);
    expect(result.ignored).toEqual([{ login: "erin", reason: "approved aaaaaaa, not the head bbbbbbb" }]);
    expect(result.satisfied).toBe(false);
  });

  test("re-approving the head after a stale approval counts", () => {
    expect(countApprovals(need(1), [review("erin", "APPROVED", OLD), review("erin", "APPROVED")], context).counted).toEqual(["erin"]);
  });

  test("changes requested after approving withdraws the approval and blocks", () => {
    const result = countApprovals(need(1), [review("erin", "APPROVED"), review("gina", "APPROVED"), review("erin", "CHANGES_REQUESTED")], context);
    expect(result.counted).toEqual(["gina"]);
    expect(result.ignored).toEqual([{ login: "erin", reason: "requested changes after approving" }]);
    expect(result).toMatchObject({ satisfied: false, missing: ["changes requested by @erin"] });
  });

  test("a comment after approving does not withdraw it; a dismissal does", () => {
    const result = countApprovals(need(1), [review("erin", "APPROVED"), review("erin", "COMMENTED"), review("gina", "APPROVED"), review("gina", "DISMISSED")], context);
    expect(result.counted).toEqual(["erin"]);
    expect(result.ignored).toEqual([{ login: "gina", reason: "the approval was dismissed" }]);
  });

  test("an outstanding change request from someone who never approved blocks", () => {
    expect(countApprovals(need(1), [review("erin", "APPROVED"), review("hank", "CHANGES_REQUESTED")], context)).toMatchObject({ satisfied: false, missing: ["changes requested by @hank"] });
  });

  test("reviews are ordered by time, not by list order", () => {
    const late = { ...review("erin", "APPROVED"), submittedAt: "2026-01-07T12:00:00Z" };
    const early = { ...review("erin", "CHANGES_REQUESTED"), submittedAt: "2026-01-07T10:00:00Z" };
    expect(countApprovals(need(1), [late, early], context).counted).toEqual(["erin"]);
  });

  test("each listed team needs an approval from a member (teams matched case-insensitively)", () => {
    const result = countApprovals(need(1, { teams: ["acme/sre", "acme/payments"] }), [review("carol", "APPROVED")], context);
    expect(result).toMatchObject({ satisfied: false, counted: ["carol"], missing: ["an approval from a member of acme/payments"], missingOwners: ["an approval from a member of acme/payments"] });
    expect(countApprovals(need(2, { teams: ["acme/sre", "acme/payments"] }), [review("carol", "APPROVED"), review("dave", "APPROVED")], context).satisfied).toBe(true);
  });

  test("with CODEOWNERS, non-owners are ignored and every owned path needs one of its owners", () => {
    const result = countApprovals(need(1, { codeowners: true }), [review("alice", "APPROVED"), review("zed", "APPROVED")], context);
    expect(result.counted).toEqual(["alice"]);
    expect(result.ignored).toEqual([{ login: "zed", reason: "not a code owner of the changed files" }]);
    expect(result.missing).toEqual(["a code owner's approval for src/cart.ts (@acme/payments)"]);
    const both = countApprovals(need(1, { codeowners: true }), [review("bob", "APPROVED"), review("dave", "APPROVED")], context);
    expect(both).toMatchObject({ satisfied: true, counted: ["bob", "dave"] });
  });

  test("a count of 0 without teams or owners is satisfied by nobody", () => {
    expect(countApprovals(need(0), [], context)).toEqual({ satisfied: true, counted: [], ignored: [], missing: [], missingOwners: [] });
  });
});
