import type { GovernanceHost, GovernedPullRequest } from "../../ports/governance-host.js";
import type { PolicyCheckRecord } from "../../schemas/policy-check-record.js";
import type { RepoRef } from "../../schemas/signal.js";
import { countHeadApprovals } from "./count-head-approvals.js";
import { ownersFor, parseCodeowners } from "./parse-codeowners.js";
import { readTeamMembers, teamsToRead } from "./read-team-members.js";
import { CODEOWNERS_PATHS } from "./reviewers-from-codeowners.js";
import { approversToAuthorize, tallyReviews, type ReviewTally } from "./tally-reviews.js";

const WRITE_ROLES = new Set(["admin", "maintain", "write"]);

/** Changed path → owners, per the default branch's CODEOWNERS (GitHub's first found of its three places). */
const ownersOfChangedFiles = async (host: GovernanceHost, repo: RepoRef, number: number): Promise<Record<string, string[]>> => {
  const [files, ...texts] = await Promise.all([host.listFiles(repo, number), ...CODEOWNERS_PATHS.map((p) => host.readDefaultBranchFile(repo, p))]);
  const text = texts.find((t) => t !== null);
  if (!text) return {};
  const { rules } = parseCodeowners(text);
  return Object.fromEntries(files.map((path) => [path, ownersFor(rules, path)]));
};

/**
 * The head's reviews, counted. Only approvers who could count are looked up for write access (one
 * call each). With the bot's decision, its approval requirement applies (at least one approval
 * once humans changed the branch); without one, approvals are only sorted into counted and not.
 * Team membership (listed teams, and team code owners when code owners must approve) is read only
 * for those authorized approvers, one call per team and approver, and only when a team is at stake.
 * A membership the app cannot read (no members: read) is never taken as membership: the team's
 * approval stays missing, and the missing reason says why.
 */
export const tallyHead = async (
  host: GovernanceHost,
  repo: RepoRef,
  pr: GovernedPullRequest,
  input: { bot: string; committers: string[]; record: PolicyCheckRecord | null },
): Promise<ReviewTally> => {
  const reviews = await host.listReviews(repo, pr.number);
  const context = { headSha: pr.headSha, bot: input.bot, author: pr.author, committers: input.committers };
  const candidates = approversToAuthorize(reviews, context);
  const roles = await Promise.all(candidates.map(async (login) => [login, await host.getPermission(repo, login)] as const));
  const authorized = new Set(roles.filter(([, role]) => WRITE_ROLES.has(role)).map(([login]) => login));
  const { record } = input;
  if (!record) return tallyReviews(reviews, { ...context, authorized });
  const base = record.approvals ?? { count: record.requiredApprovals, teams: [], codeowners: false };
  const count = record.sha !== pr.headSha ? Math.max(1, record.requiredApprovals) : record.requiredApprovals;
  const codeowners = base.codeowners ? await ownersOfChangedFiles(host, repo, pr.number) : {};
  const approvers = candidates.filter((login) => authorized.has(login));
  const teams = await readTeamMembers(host, teamsToRead(base.teams, codeowners), approvers);
  return countHeadApprovals({ ...base, count }, reviews, { ...context, authorized, codeowners, ...teams });
};
