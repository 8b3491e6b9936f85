import type { RepoRef } from "../schemas/signal.js";

export interface PullRequestRef {
  number: number;
  url: string;
  state: "open" | "closed";
  merged: boolean;
  headSha: string;
  body: string;
}

export interface RecentPullRequest {
  number: number;
  /** the head branch's name */
  head: string;
  createdAt: string;
}

export interface FileAtRef {
  path: string;
  text: string;
  blobSha: string;
}

/** A check run as the bot writes it: completed, with its output. */
export interface CheckRunWrite {
  name: string;
  headSha: string;
  conclusion: "success" | "action_required" | "failure" | "neutral";
  title: string;
  /** Markdown, at most 65,535 characters (as `text`) */
  summary: string;
  text: string;
}

/** The bot's own check run on a commit, as read back. */
export interface OwnCheckRun {
  id: number;
  headSha: string;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  text: string | null;
}

/** How the bot's changes reach GitHub: one commit on a new branch, then one pull request. */
export interface ChangePublisher {
  readFile(repo: RepoRef, path: string, ref: string): Promise<FileAtRef | null>;
  /**
   * Commit `files` on top of `parent` and create `branch` pointing at it. Creating the ref is the
   * lock: "exists" when another delivery (or a human) got there first; nothing else is written then.
   */
  commitToNewBranch(
    repo: RepoRef,
    change: { branch: string; parent: string; baseTree: string; message: string; files: { path: string; text: string }[]; author: { name: string; email: string } },
  ): Promise<{ kind: "created"; sha: string } | { kind: "exists" }>;
  /** The message of the commit at the tip of `branch`, or null when the branch does not exist. */
  branchHeadMessage(repo: RepoRef, branch: string): Promise<string | null>;
  /** Pull requests from `branch` in any state (a closed one is a human's "no"). */
  findPullRequests(repo: RepoRef, branch: string): Promise<PullRequestRef[]>;
  createPullRequest(repo: RepoRef, pr: { title: string; body: string; head: string; base: string }): Promise<PullRequestRef>;
  addLabels(repo: RepoRef, number: number, labels: string[]): Promise<void>;
  requestReviewers(repo: RepoRef, number: number, reviewers: { users: string[]; teams: string[] }): Promise<void>;
  comment(repo: RepoRef, number: number, body: string): Promise<void>;
  /** Bodies of the comments on an issue or pull request, oldest first. */
  listComments(repo: RepoRef, number: number): Promise<string[]>;
  /**
   * Idempotent: the bot's check run named `check.name` on `check.headSha` is created, or updated in
   * place when its conclusion or output changed ("unchanged" writes nothing). `fresh`: the bot
   * created the commit a moment ago, so no run of its own can exist yet and the lookup is skipped.
   */
  ensureCheckRun(repo: RepoRef, check: CheckRunWrite, options?: { fresh?: boolean }): Promise<{ id: number; kind: "created" | "updated" | "unchanged" }>;
  /**
   * Pull requests from branches starting with `headPrefix`, in any state, created at or after
   * `since`, newest first: the bot's recent actions, for rate limits (one page, at most 100).
   */
  listRecentPullRequests(repo: RepoRef, since: Date, headPrefix: string): Promise<RecentPullRequest[]>;
  /** Whether any open issue or pull request carries `label` (a kill switch). */
  hasOpenItemWithLabel(repo: RepoRef, label: string): Promise<boolean>;
}
