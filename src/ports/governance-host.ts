import type { RepoRef } from "../schemas/signal.js";
import type { ChangePublisher, OwnCheckRun } from "./change-publisher.js";
import type { CommentHost } from "./comment-host.js";

/** A pull request review as GitHub lists it, oldest first. */
export interface ReviewFact {
  user: string | null;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING */
  state: string;
  /** the head the reviewer saw */
  commitId: string | null;
  submittedAt: string | null;
}

/** A check run or a commit status on a commit. */
export interface CheckFact {
  name: string;
  source: "check-run" | "status";
  /** check runs: queued, in_progress, completed…; statuses: pending, success, failure, error */
  status: string;
  /** check runs only; null until completed */
  conclusion: string | null;
}

/** The bot's pull request as its governance sees it. */
export interface GovernedPullRequest {
  number: number;
  url: string;
  title: string;
  state: "open" | "closed";
  merged: boolean;
  draft: boolean;
  author: string | null;
  headRef: string;
  headSha: string;
  baseRef: string;
  body: string;
  labels: string[];
}

export interface PullRequestCommit {
  sha: string;
  /** the GitHub login behind the author, or the author's name when GitHub links none */
  author: string | null;
  message: string;
}

/**
 * Whether a user belongs to a team: an active membership is `member` (a pending invitation is
 * not); `unknown` when the membership cannot be read, which never counts as membership.
 */
export type TeamMembership = "member" | "not-member" | "unknown";

export type MergeResult =
  | { kind: "merged"; sha: string }
  /** the head moved since the decision (GitHub's 409): nothing merged */
  | { kind: "head-moved" }
  /** conflicts, branch protection or a closed pull request (GitHub's 405/422) */
  | { kind: "not-mergeable"; message: string };

/**
 * What governing the bot's own pull requests needs from GitHub: reviews, commits, checks on the
 * head, the bot's policy check run, labels, override comments and a SHA-pinned merge.
 */
export interface GovernanceHost
  extends Pick<CommentHost, "findBotComment" | "createComment" | "updateComment" | "getPermission">,
    Pick<ChangePublisher, "ensureCheckRun" | "hasOpenItemWithLabel"> {
  getPullRequest(repo: RepoRef, number: number): Promise<GovernedPullRequest | null>;
  /** The open pull request from `branch` of this repository, or null. */
  findOpenPullRequest(repo: RepoRef, branch: string): Promise<number | null>;
  /** Reviews, oldest first. */
  listReviews(repo: RepoRef, number: number): Promise<ReviewFact[]>;
  /** Paths the pull request changes (renames under their new name). */
  listFiles(repo: RepoRef, number: number): Promise<string[]>;
  /** Raw text of a file on the default branch, or null when absent. */
  readDefaultBranchFile(repo: RepoRef, path: string): Promise<string | null>;
  /** Commits, oldest first (at most 250, GitHub's limit for this listing). */
  listCommits(repo: RepoRef, number: number): Promise<PullRequestCommit[]>;
  /** The bot's own check run named `name` on `sha`, or null. */
  findOwnCheckRun(repo: RepoRef, sha: string, name: string): Promise<OwnCheckRun | null>;
  /** The latest check run per app and name, and the latest status per context, on `sha`. */
  listChecks(repo: RepoRef, sha: string): Promise<CheckFact[]>;
  /** Checks branch protection and rulesets require on `branch`; null when none are configured or readable. */
  requiredChecks(repo: RepoRef, branch: string): Promise<string[] | null>;
  /** Whether `login` is an active member of the team `org/teamSlug` (needs the organisation's members: read). */
  teamMembership(org: string, teamSlug: string, login: string): Promise<TeamMembership>;
  addLabels(repo: RepoRef, number: number, labels: string[]): Promise<void>;
  /** Merges only if the head is still `sha`. */
  merge(repo: RepoRef, number: number, merge: { sha: string; title: string; message: string }): Promise<MergeResult>;
}
