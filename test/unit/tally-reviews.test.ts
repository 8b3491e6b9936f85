import { describe, expect, test } from "@jest/globals";
import { approversToAuthorize, tallyReviews, type ReviewFact, type TallyContext } from "../../src/core/act/tally-reviews.js";

const HEAD = "b".repeat(40);
const OLD = "a".repeat(40);
const review = (user: string, state: string, commitId = HEAD): ReviewFact => ({ user, state, commitId, submittedAt: "2026-11-23T14:10:00Z" });
const ctx: TallyContext = { headSha: HEAD, bot: "agenticops[bot]", author: "agenticops[bot]", committers: ["dana"], authorized: new Set(["eve", "sam", "Dana"]) };

describe("tallyReviews", () => {
  test("an approval of the head by a reviewer with write access counts", () => {
    expect(tallyReviews([review("eve", "APPROVED")], ctx)).toEqual({ approvedBy: ["eve"], ignored: [], changesRequestedBy: [], missing: [] });
  });

  test.each([
    ["someone who pushed to the branch", review("DANA", "APPROVED"), "pushed commits to this pull request: an approval of one's own change does not count"],
    ["the bot", review("agenticops[bot]", "APPROVED"), "the bot cannot approve its own change"],
    ["another bot", review("renovate[bot]", "APPROVED"), "a bot's review is not a human approval"],
    ["an earlier commit", review("eve", "APPROVED", OLD), "approved aaaaaaa, not the current head bbbbbbb"],
    ["a reviewer without write access", review("mallory", "APPROVED"), "has no write access to the repository"],
  ])("an approval by %s does not count", (_who, r, reason) => {
    expect(tallyReviews([r], ctx)).toEqual({ approvedBy: [], ignored: [{ login: r.user, reason }], changesRequestedBy: [], missing: [] });
  });

  test("the PR's author never counts", () => {
    const human = { ...ctx, author: "sam" };
    expect(tallyReviews([review("sam", "APPROVED")], human).ignored).toEqual([{ login: "sam", reason: "authored this pull request" }]);
  });

  test("each reviewer's latest verdict wins; comments do not change it, a dismissal clears it", () => {
    const reviews = [
      review("eve", "CHANGES_REQUESTED"),
      review("eve", "APPROVED"),
      review("eve", "COMMENTED"),
      review("sam", "APPROVED"),
      review("sam", "DISMISSED"),
      review("kim", "APPROVED"),
      review("kim", "CHANGES_REQUESTED"),
    ];
    expect(tallyReviews(reviews, { ...ctx, authorized: null })).toEqual({ approvedBy: ["eve"], ignored: [], changesRequestedBy: ["kim"], missing: [] });
  });

  test("approversToAuthorize lists only the approvals that could count, before looking up access", () => {
    const reviews = [review("eve", "APPROVED"), review("dana", "APPROVED"), review("sam", "APPROVED", OLD), review("kim", "COMMENTED")];
    expect(approversToAuthorize(reviews, ctx)).toEqual(["eve"]);
  });
});
