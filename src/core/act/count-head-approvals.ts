import type { ReviewFact } from "../../ports/governance-host.js";
import type { ApprovalRequirement } from "../../schemas/policy-decision.js";
import { countApprovals, type Review } from "../gate/count-approvals.js";
import { latestVerdicts, type ReviewTally, type TallyContext } from "./tally-reviews.js";

export interface HeadApprovalContext extends TallyContext {
  /** changed path → its CODEOWNERS owners; empty unless the requirement asks for code owners */
  codeowners: Record<string, string[]>;
  /** `org/team` → member logins, as far as they could be read */
  teamMembers: Record<string, string[]>;
  /** `org/team` whose membership could not be read; an approval still missing from them says so */
  unreadableTeams?: string[];
}

const STATES = new Set<Review["state"]>(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"]);
const lower = (login: string): string => login.toLowerCase();

/** Why a reviewer's approval never counts here, before the policy's own counting: they wrote the change, or cannot approve. */
const excludedReason = (login: string, ctx: HeadApprovalContext): string | null => {
  if (lower(login) === lower(ctx.bot) || (ctx.author !== null && lower(login) === lower(ctx.author))) return null;
  if (ctx.committers.some((c) => lower(c) === lower(login))) return "pushed commits to this pull request: an approval of one's own change does not count";
  if (ctx.authorized && ![...ctx.authorized].some((a) => lower(a) === lower(login))) return "has no write access to the repository";
  return null;
};

const asReview = (r: ReviewFact): Review[] =>
  r.user && r.commitId && r.submittedAt && STATES.has(r.state as Review["state"]) ? [{ login: r.user, state: r.state as Review["state"], commitId: r.commitId, submittedAt: r.submittedAt }] : [];

/**
 * The approvals of the head as the policy counts them (countApprovals: the exact head commit, never
 * the author or the bot, code owners and teams when required), after leaving out reviewers who
 * pushed to the branch or lack write access, which GitHub's own review data cannot tell.
 */
export const countHeadApprovals = (requirement: ApprovalRequirement, reviews: ReviewFact[], ctx: HeadApprovalContext): ReviewTally => {
  const excluded = new Map<string, string>();
  for (const r of reviews) {
    const why = r.user ? excludedReason(r.user, ctx) : null;
    if (r.user && why) excluded.set(lower(r.user), why);
  }
  const counted = countApprovals(requirement, reviews.filter((r) => !r.user || !excluded.has(lower(r.user))).flatMap(asReview), {
    author: ctx.author ?? ctx.bot,
    bot: ctx.bot,
    headSha: ctx.headSha,
    codeowners: ctx.codeowners,
    teamMembers: ctx.teamMembers,
    unreadableTeams: ctx.unreadableTeams ?? [],
  });
  const latest = [...latestVerdicts(reviews).values()];
  return {
    approvedBy: counted.counted,
    ignored: [...latest.filter((r) => r.state === "APPROVED" && excluded.has(lower(r.user))).map((r) => ({ login: r.user, reason: excluded.get(lower(r.user)) ?? "" })), ...counted.ignored],
    changesRequestedBy: latest.filter((r) => r.state === "CHANGES_REQUESTED" && lower(r.user) !== lower(ctx.bot)).map((r) => r.user),
    // the count and requested changes are reported on their own
    missing: counted.missingOwners,
  };
};
