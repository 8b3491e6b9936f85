import type { CommentHost, CommentRef, CommentTarget, RepoPermission, WorkflowRunRef } from "../../../src/ports/comment-host.js";
import type { RepoRef } from "../../../src/schemas/signal.js";

export interface StoredComment {
  id: number;
  repo: RepoRef;
  target: CommentTarget;
  /** "bot" for the app's comments, a login for people's */
  author: string;
  body: string;
}

export type CommentWrite = { op: "createComment"; target: CommentTarget } | { op: "updateComment"; id: number };

const sameRepo = (a: RepoRef, b: RepoRef) => a.owner === b.owner && a.name === b.name;
const sameTarget = (a: CommentTarget, b: CommentTarget) =>
  a.kind === "issue" ? b.kind === "issue" && a.number === b.number : b.kind === "commit" && a.sha === b.sha;
const urlOf = (c: StoredComment) =>
  c.target.kind === "issue"
    ? `https://github.com/${c.repo.owner}/${c.repo.name}/issues/${c.target.number}#issuecomment-${c.id}`
    : `https://github.com/${c.repo.owner}/${c.repo.name}/commit/${c.target.sha}#commitcomment-${c.id}`;
const toRef = (c: StoredComment): CommentRef => ({ id: c.id, url: urlOf(c), body: c.body });

/** The CommentHost half of the in-memory code host: comments, runs, pull request heads and roles. */
export class InMemoryCommentHost implements CommentHost {
  readonly comments: StoredComment[] = [];
  readonly commentWrites: CommentWrite[] = [];
  /** login → role; others are "none" */
  readonly permissions = new Map<string, RepoPermission>();
  /** newest last */
  runs: WorkflowRunRef[] = [];
  /** pull request number → head sha */
  readonly pulls = new Map<number, string>();
  private nextCommentId = 100;

  async findBotComment(repo: RepoRef, target: CommentTarget, needle: string): Promise<CommentRef | null> {
    const found = this.comments.find((c) => c.author === "bot" && sameRepo(c.repo, repo) && sameTarget(c.target, target) && c.body.includes(needle));
    return found ? toRef(found) : null;
  }

  async createComment(repo: RepoRef, target: CommentTarget, body: string): Promise<CommentRef> {
    const stored = { id: (this.nextCommentId += 1), repo, target, author: "bot", body };
    this.comments.push(stored);
    this.commentWrites.push({ op: "createComment", target });
    return toRef(stored);
  }

  async updateComment(repo: RepoRef, target: CommentTarget, commentId: number, body: string): Promise<void> {
    const stored = this.comments.find((c) => c.id === commentId && sameRepo(c.repo, repo) && sameTarget(c.target, target));
    if (!stored) throw new Error(`no comment ${commentId}`);
    stored.body = body;
    this.commentWrites.push({ op: "updateComment", id: commentId });
  }

  async getPermission(_repo: RepoRef, login: string): Promise<RepoPermission> {
    return this.permissions.get(login) ?? "none";
  }

  async getWorkflowRun(_repo: RepoRef, runId: number): Promise<WorkflowRunRef | null> {
    return this.runs.find((r) => r.id === runId) ?? null;
  }

  async findLatestFailedRun(_repo: RepoRef, where: { headSha: string } | { branch: string }): Promise<WorkflowRunRef | null> {
    const matches = (r: WorkflowRunRef) => ("headSha" in where ? r.headSha === where.headSha : r.headBranch === where.branch);
    return this.runs.filter((r) => r.conclusion === "failure" && matches(r)).at(-1) ?? null;
  }

  async getPullRequestHead(_repo: RepoRef, number: number): Promise<string | null> {
    return this.pulls.get(number) ?? null;
  }
}
