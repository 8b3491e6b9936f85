import type { ApprovalRequirement } from "../../schemas/policy-decision.js";
import { normalizeTeam } from "./rules/approvals.js";

export interface Review {
  login: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";
  /** the commit the review was submitted on */
  commitId: string;
  submittedAt: string;
}

export interface ApprovalContext {
  /** the pull request's author */
  author: string;
  /** the bot's login, e.g. `agenticops[bot]` */
  bot: string;
  headSha: string;
  /** changed path → its CODEOWNERS owners (`@user`, `@org/team`, or an email address) */
  codeowners: Record<string, string[]>;
  /** `org/team` → member logins */
  teamMembers: Record<string, string[]>;
  /** `org/team` whose membership could not be read; the missing approval of such a team says so */
  unreadableTeams?: readonly string[];
}

export interface ApprovalCount {
  satisfied: boolean;
  /** logins whose approvals count */
  counted: string[];
  ignored: { login: string; reason: string }[];
  /** what is still needed, in words */
  missing: string[];
  /** the part of `missing` beyond the count and requested changes: teams and code owners still to approve */
  missingOwners: string[];
}

const lower = (s: string) => s.toLowerCase();
const short = (sha: string) => sha.slice(0, 7);
/** COMMENTED and PENDING reviews do not change where a reviewer stands. */
const DECISIVE = new Set<Review["state"]>(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]);

/** Each reviewer's latest decisive review, and whether they approved at some point. */
const standings = (reviews: readonly Review[]): Map<string, { latest: Review; approved: boolean }> => {
  const byUser = new Map<string, { latest: Review; approved: boolean }>();
  const ordered = reviews.map((r, i) => ({ r, i })).sort((a, b) => a.r.submittedAt.localeCompare(b.r.submittedAt) || a.i - b.i);
  for (const { r } of ordered) {
    if (!DECISIVE.has(r.state)) continue;
    const seen = byUser.get(lower(r.login));
    byUser.set(lower(r.login), { latest: r, approved: (seen?.approved ?? false) || r.state === "APPROVED" });
  }
  return byUser;
};

const isOwner = (login: string, owners: readonly string[], teams: ApprovalContext["teamMembers"]): boolean =>
  owners.some((o) => (o.includes("/") ? (teams[normalizeTeam(o)] ?? []).some((m) => lower(m) === lower(login)) : lower(o) === `@${lower(login)}`));

/** Why a team's or code owner's approval may be missing only because a team's membership could not be read. */
const unreadable = (owners: readonly string[], context: ApprovalContext): string =>
  owners
    .filter((o) => o.includes("/") && (context.unreadableTeams ?? []).some((t) => normalizeTeam(t) === normalizeTeam(o)))
    .map((o) => `; membership of ${normalizeTeam(o)} cannot be read (the app needs the members: read organisation permission)`)
    .join("");

/** Why an approval by `login` does not count, or null when it does. */
const whyIgnored = (requirement: ApprovalRequirement, s: { latest: Review }, context: ApprovalContext, login: string): string | null => {
  if (lower(login) === lower(context.author)) return "the pull request's author";
  if (lower(login) === lower(context.bot) || lower(`${login}[bot]`) === lower(context.bot)) return "the bot";
  if (s.latest.state === "CHANGES_REQUESTED") return "requested changes after approving";
  if (s.latest.state === "DISMISSED") return "the approval was dismissed";
  if (s.latest.commitId !== context.headSha) return `approved ${short(s.latest.commitId)}, not the head ${short(context.headSha)}`;
  const owned = Object.values(context.codeowners);
  if (requirement.codeowners && !owned.some((owners) => isOwner(login, owners, context.teamMembers))) return "not a code owner of the changed files";
  return null;
};

/**
 * Whether the reviews meet the requirement on the exact head commit. The author and the bot never
 * count; an approval on an older commit, dismissed, or followed by a change request does not either.
 */
export const countApprovals = (requirement: ApprovalRequirement, reviews: readonly Review[], given: ApprovalContext): ApprovalCount => {
  const context = { ...given, teamMembers: Object.fromEntries(Object.entries(given.teamMembers).map(([team, members]) => [normalizeTeam(team), members])) };
  const counted: string[] = [];
  const ignored: ApprovalCount["ignored"] = [];
  const blocking: string[] = [];
  for (const [, s] of standings(reviews)) {
    const login = s.latest.login;
    const selfOrBot = lower(login) === lower(context.author) || lower(login) === lower(context.bot);
    if (!s.approved) {
      if (s.latest.state === "CHANGES_REQUESTED" && !selfOrBot) blocking.push(`changes requested by @${login}`);
      continue;
    }
    const why = whyIgnored(requirement, s, context, login);
    if (why === null) counted.push(login);
    else ignored.push({ login, reason: why });
    if (why === "requested changes after approving") blocking.push(`changes requested by @${login}`);
  }
  const missingOwners = [
    ...requirement.teams.filter((t) => !counted.some((l) => isOwner(l, [t], context.teamMembers))).map((t) => `an approval from a member of ${t}${unreadable([t], context)}`),
    ...(requirement.codeowners
      ? Object.entries(context.codeowners)
          .filter(([, owners]) => owners.length > 0 && !counted.some((l) => isOwner(l, owners, context.teamMembers)))
          .map(([path, owners]) => `a code owner's approval for ${path} (${owners.join(", ")})${unreadable(owners, context)}`)
      : []),
  ];
  const missing = [...blocking, ...(counted.length < requirement.count ? [`${requirement.count - counted.length} more approval(s)`] : []), ...missingOwners];
  return { satisfied: missing.length === 0, counted, ignored, missing, missingOwners };
};
