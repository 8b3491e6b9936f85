import { describe, expect, test } from "@jest/globals";
import { countHeadApprovals, type HeadApprovalContext } from "../../src/core/act/count-head-approvals.js";
import type { ReviewFact } from "../../src/ports/governance-host.js";

const HEAD = "b".repeat(40);
const review = (user: string, state = "APPROVED", commitId = HEAD, at = "2026-11-23T14:10:00Z"): ReviewFact => ({ user, state, commitId, submittedAt: at });
const ctx: HeadApprovalContext = {
  headSha: HEAD,
  bot: "agenticops[bot]",
  author: "agenticops[bot]",
  committers: ["dana"],
  authorized: new Set(["eve", "sam", "dana", "olga"]),
  codeowners: { "k8s/deployment.yaml": ["@olga"] },
  teamMembers: {},
};
const need = (count: number, extra: { teams?: string[]; codeowners?: boolean } = {}) => ({ count, teams: extra.teams ?? [], codeowners: extra.codeowners ?? false });

describe("countHeadApprovals", () => {
  test("the policy's counting, after leaving out whoever pushed to the branch or lacks write access", () => {
    const tally = countHeadApprovals(need(1), [review("dana"), review("mallory"), review("eve")], ctx);
    expect(tally).toEqual({
      approvedBy: ["eve"],
      ignored: [
        { login: "dana", reason: "pushed commits to this pull request: an approval of one's own change does not count" },
        { login: "mallory", reason: "has no write access to the repository" },
      ],
      changesRequestedBy: [],
      missing: [],
    });
  });

  test("with code owners required, a non-owner's approval does not count and the owner is still needed", () => {
    const tally = countHeadApprovals(need(1, { codeowners: true }), [review("eve")], ctx);
    expect(tally.approvedBy).toEqual([]);
    expect(tally.ignored).toEqual([{ login: "eve", reason: "not a code owner of the changed files" }]);
    expect(tally.missing).toEqual(["a code owner's approval for k8s/deployment.yaml (@olga)"]);
    expect(countHeadApprovals(need(1, { codeowners: true }), [review("olga")], ctx)).toMatchObject({ approvedBy: ["olga"], missing: [] });
  });

  test("a team requirement without readable membership stays missing: the bot never merges on a guess", () => {
    expect(countHeadApprovals(need(1, { teams: ["acme/sre"] }), [review("eve")], ctx).missing).toEqual(["an approval from a member of acme/sre"]);
  });

  test("requested changes are reported once, by who asked, not among what is missing", () => {
    const tally = countHeadApprovals(need(1), [review("eve"), review("sam", "CHANGES_REQUESTED"), review("dana", "CHANGES_REQUESTED")], ctx);
    expect(tally.changesRequestedBy).toEqual(["sam", "dana"]);
    expect(tally.missing).toEqual([]);
  });
});
