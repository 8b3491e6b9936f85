import type { RepoRef } from "../schemas/signal.js";

/** Where a comment lives: an issue's or pull request's conversation, or a commit. */
export type CommentTarget = { kind: "issue"; number: number } | { kind: "commit"; sha: string };

export interface CommentRef {
  id: number;
  url: string;
  body: string;
}

export interface WorkflowRunRef {
  id: number;
  /** the workflow's name (its file path when the run has no name) */
  name: string;
  url: string;
  headSha: string;
  headBranch: string | null;
  status: string | null;
  conclusion: string | null;
  workflowId: number;
  runNumber: number;
  /** what triggered the run: push, pull_request, schedule… */
  event: string;
  /** the pull requests the run belongs to, with their base commit when GitHub gives it */
  pullRequests: { number: number; baseSha: string | null }[];
}

/** A user's role on a repository, as the collaborator permission API reports it. */
export type RepoPermission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

/** What answering in comments needs from GitHub: the bot's own comments, runs, and who may ask. */
export interface CommentHost {
  /** The comment on `target` written by a bot whose body contains `needle`, or null. */
  findBotComment(repo: RepoRef, target: CommentTarget, needle: string): Promise<CommentRef | null>;
  createComment(repo: RepoRef, target: CommentTarget, body: string): Promise<CommentRef>;
  updateComment(repo: RepoRef, target: CommentTarget, commentId: number, body: string): Promise<void>;
  /** The user's role on the repository; "none" for users GitHub does not know. */
  getPermission(repo: RepoRef, login: string): Promise<RepoPermission>;
  /** One Actions run of this repository, or null when it has no such run. */
  getWorkflowRun(repo: RepoRef, runId: number): Promise<WorkflowRunRef | null>;
  /** The newest run that concluded `failure`, for a commit or on a branch; null when none did. */
  findLatestFailedRun(repo: RepoRef, where: { headSha: string } | { branch: string }): Promise<WorkflowRunRef | null>;
  /** The head commit of pull request `number`, or null when there is no such pull request. */
  getPullRequestHead(repo: RepoRef, number: number): Promise<string | null>;
}
