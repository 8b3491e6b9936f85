import type { HumanOverride } from "../../schemas/human-override.js";
import { readMarker } from "../render/hidden-marker.js";
import { latestVerdicts, tallyReviews } from "../act/tally-reviews.js";
import type { AuditFacts } from "./audit-timeline.js";

/** What humans decided about the bot's pull request, read back from GitHub. */
export interface AuditGovernance {
  /** the head the approvals are counted on (the pull request's last commit) */
  headSha: string | null;
  /** approvals as the bot counts them, except write access, which the audit does not look up */
  approvals: { counted: string[]; ignored: { login: string; reason: string }[] };
  /** every override the bot recorded (changes requested, closed unmerged), oldest first */
  overrides: HumanOverride[];
  /** the bot's own `agenticops/policy` check on the head, as it last wrote it */
  policyCheck: NonNullable<AuditFacts["policyCheck"]> | null;
}

const botOf = (facts: AuditFacts): string => {
  const author = facts.pullRequest?.author ?? null;
  return author?.endsWith("[bot]") ? author : "agenticops[bot]";
};

const tallyContext = (facts: AuditFacts) => {
  const bot = botOf(facts);
  const committers = [...new Set(facts.commits.flatMap((c) => (c.author && c.author.toLowerCase() !== bot.toLowerCase() ? [c.author] : [])))];
  return { headSha: facts.commits.at(-1)?.sha ?? "", bot, author: facts.pullRequest?.author ?? null, committers, authorized: null };
};

/** The overrides in the bot's override comment for this incident (the newest such comment wins). */
export const recordedOverrides = (facts: AuditFacts): HumanOverride[] => {
  const comments = facts.comments.filter((c) => c.on === "pr" && (c.user ?? "").endsWith("[bot]"));
  const markers = comments.map((c) => readMarker(c.body)).filter((m) => m?.kind === "override-comment" && m.incident === facts.incident);
  return markers.at(-1)?.overrides ?? [];
};

export const auditGovernance = (facts: AuditFacts): AuditGovernance => {
  const context = tallyContext(facts);
  const tally = tallyReviews(facts.reviews, context);
  return {
    headSha: context.headSha || null,
    approvals: { counted: tally.approvedBy, ignored: tally.ignored },
    overrides: recordedOverrides(facts),
    policyCheck: facts.policyCheck ?? null,
  };
};

/**
 * How one approval in the timeline was counted: "counts", why not, or superseded by the same
 * reviewer's later verdict. Null for reviews that are not approvals.
 */
export const approvalNote = (facts: AuditFacts): ((review: AuditFacts["reviews"][number]) => string | null) => {
  const context = tallyContext(facts);
  const latest = latestVerdicts(facts.reviews);
  const tally = tallyReviews(facts.reviews, context);
  return (review) => {
    if (review.state !== "APPROVED" || !review.user) return null;
    const last = latest.get(review.user.toLowerCase());
    if (!last || last.submittedAt !== review.submittedAt || last.commitId !== review.commitId) return "superseded by a later review";
    const ignored = tally.ignored.find((i) => i.login.toLowerCase() === review.user?.toLowerCase());
    return ignored ? `not counted: ${ignored.reason}` : "counts";
  };
};

const line = (label: string, items: string[]): string => `${label}: ${items.length > 0 ? items.join("; ") : "none"}`;

/** Three lines under the timeline: approvals, overrides, and the bot's policy check. */
export const renderAuditGovernance = (governance: AuditGovernance): string => {
  const at = governance.headSha ? ` on ${governance.headSha.slice(0, 7)}` : "";
  const approvals = [...governance.approvals.counted.map((l) => `${l} counts`), ...governance.approvals.ignored.map((i) => `${i.login} not counted (${i.reason})`)];
  const overrides = governance.overrides.map((o) => `${o.kind === "changes-requested" ? "changes requested" : "closed unmerged"} by ${o.by} at ${o.at}`);
  const check = governance.policyCheck ? `${governance.policyCheck.conclusion ?? governance.policyCheck.status} — ${governance.policyCheck.title ?? ""}`.trim() : "none";
  return [line(`approvals${at}`, approvals), line("overrides", overrides), `policy check${at}: ${check}`].join("\n");
};
