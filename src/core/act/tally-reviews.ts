import type { ReviewFact } from "../../ports/governance-host.js";

export type { ReviewFact };

export interface ReviewTally {
  /** reviewers whose latest verdict is an approval that counts, in review order */
  approvedBy: string[];
  /** approvals that do not count, each with the reason a reader is shown */
  ignored: { login: string; reason: string }[];
  /** reviewers whose latest verdict is "changes requested" */
  changesRequestedBy: string[];
  /** what the approval requirement still lacks beyond the count (teams, code owners), in words */
  missing: string[];
}

export interface TallyContext {
  headSha: string;
  /** the bot's login (`<slug>[bot]`) */
  bot: string;
  /** who opened the pull request */
  author: string | null;
  /** logins that authored or pushed commits on the pull request besides the bot */
  committers: string[];
  /** reviewers allowed to approve (write access or more); null when not looked up */
  authorized: ReadonlySet<string> | null;
}

const lower = (login: string): string => login.toLowerCase();
const short = (sha: string | null): string => (sha ?? "unknown").slice(0, 7);

/**
 * Each reviewer's latest verdict, as GitHub keeps it: comments do not change it, a dismissal
 * clears it. Logins compare case-insensitively; the first spelling seen is kept.
 */
export const latestVerdicts = (reviews: ReviewFact[]): Map<string, ReviewFact & { user: string }> => {
  const latest = new Map<string, ReviewFact & { user: string }>();
  for (const review of reviews) {
    if (!review.user || review.state === "COMMENTED" || review.state === "PENDING") continue;
    const key = lower(review.user);
    if (review.state === "DISMISSED") latest.delete(key);
    else latest.set(key, { ...review, user: latest.get(key)?.user ?? review.user });
  }
  return latest;
};

/** Why an approval does not count, or null when it does. */
const disqualified = (review: ReviewFact & { user: string }, ctx: TallyContext): string | null => {
  const login = lower(review.user);
  if (login === lower(ctx.bot)) return "the bot cannot approve its own change";
  if (login.endsWith("[bot]")) return "a bot's review is not a human approval";
  if (ctx.author && login === lower(ctx.author)) return "authored this pull request";
  if (ctx.committers.some((c) => lower(c) === login)) return "pushed commits to this pull request: an approval of one's own change does not count";
  if (review.commitId !== ctx.headSha) return `approved ${short(review.commitId)}, not the current head ${short(ctx.headSha)}`;
  if (ctx.authorized && ![...ctx.authorized].some((a) => lower(a) === login)) return "has no write access to the repository";
  return null;
};

/** Who approved the current head in a way that counts, whose approvals do not (and why), who requested changes. */
export const tallyReviews = (reviews: ReviewFact[], ctx: TallyContext): ReviewTally => {
  const tally: ReviewTally = { approvedBy: [], ignored: [], changesRequestedBy: [], missing: [] };
  for (const review of latestVerdicts(reviews).values()) {
    if (review.state === "CHANGES_REQUESTED") tally.changesRequestedBy.push(review.user);
    if (review.state !== "APPROVED") continue;
    const reason = disqualified(review, ctx);
    if (reason === null) tally.approvedBy.push(review.user);
    else tally.ignored.push({ login: review.user, reason });
  }
  return tally;
};

/** Approvers to look up before tallying: latest approvals of the head by humans who did not write the change. */
export const approversToAuthorize = (reviews: ReviewFact[], ctx: Omit<TallyContext, "authorized">): string[] =>
  [...latestVerdicts(reviews).values()].filter((r) => r.state === "APPROVED" && disqualified(r, { ...ctx, authorized: null }) === null).map((r) => r.user);
