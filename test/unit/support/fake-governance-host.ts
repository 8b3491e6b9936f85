import type { CheckRunWrite, OwnCheckRun } from "../../../src/ports/change-publisher.js";
import type { CommentRef, CommentTarget, RepoPermission } from "../../../src/ports/comment-host.js";
import type { CheckFact, GovernanceHost, GovernedPullRequest, MergeResult, PullRequestCommit, ReviewFact, TeamMembership } from "../../../src/ports/governance-host.js";
import type { RepoRef } from "../../../src/schemas/signal.js";

export type GovernanceWrite =
  | { op: "ensureCheckRun"; headSha: string; conclusion: string; kind: string }
  | { op: "addLabels"; labels: string[] }
  | { op: "createComment"; body: string }
  | { op: "updateComment"; id: number; body: string }
  | { op: "merge"; sha: string; title: string; message: string };

/** One pull request's world: its reviews, commits, checks, the bot's check runs and comments; every write recorded. */
export class FakeGovernanceHost implements GovernanceHost {
  reviews: ReviewFact[] = [];
  commits: PullRequestCommit[] = [];
  checks = new Map<string, CheckFact[]>();
  required: string[] | null = null;
  permissions = new Map<string, RepoPermission>();
  ownRuns = new Map<string, OwnCheckRun>();
  comments: (CommentRef & { bot: boolean })[] = [];
  mergeResult: MergeResult | null = null;
  files: string[] = [];
  labelledOpenItems: string[] = [];
  defaultBranchFiles = new Map<string, string>();
  /** `org/team` → active members */
  teams = new Map<string, string[]>();
  /** `org/team` whose membership the app cannot read (GitHub's 403) */
  unreadableTeams = new Set<string>();
  readonly writes: GovernanceWrite[] = [];
  readonly reads: string[] = [];

  constructor(public pr: GovernedPullRequest) {}

  async getPullRequest(_repo: RepoRef, number: number) {
    return number === this.pr.number ? { ...this.pr, labels: [...this.pr.labels] } : null;
  }
  async findOpenPullRequest(_repo: RepoRef, branch: string) {
    return this.pr.state === "open" && this.pr.headRef === branch ? this.pr.number : null;
  }
  async listReviews() {
    return this.reviews;
  }
  async hasOpenItemWithLabel(_repo: RepoRef, label: string) {
    this.reads.push(`label:${label}`);
    return this.labelledOpenItems.includes(label);
  }
  async listFiles() {
    this.reads.push("files");
    return this.files;
  }
  async readDefaultBranchFile(_repo: RepoRef, path: string) {
    return this.defaultBranchFiles.get(path) ?? null;
  }
  async listCommits() {
    return this.commits;
  }
  async findOwnCheckRun(_repo: RepoRef, sha: string) {
    return this.ownRuns.get(sha) ?? null;
  }
  async listChecks(_repo: RepoRef, sha: string) {
    this.reads.push(`checks:${sha}`);
    return this.checks.get(sha) ?? [];
  }
  async requiredChecks() {
    return this.required;
  }
  async getPermission(_repo: RepoRef, login: string) {
    this.reads.push(`permission:${login}`);
    return this.permissions.get(login) ?? "none";
  }
  async teamMembership(org: string, teamSlug: string, login: string): Promise<TeamMembership> {
    const team = `${org}/${teamSlug}`;
    this.reads.push(`team:${team}:${login}`);
    if (this.unreadableTeams.has(team)) return "unknown";
    return (this.teams.get(team) ?? []).some((m) => m.toLowerCase() === login.toLowerCase()) ? "member" : "not-member";
  }
  async ensureCheckRun(_repo: RepoRef, check: CheckRunWrite) {
    const existing = this.ownRuns.get(check.headSha);
    const run: OwnCheckRun = { id: existing?.id ?? this.ownRuns.size + 1, headSha: check.headSha, status: "completed", conclusion: check.conclusion, title: check.title, summary: check.summary, text: check.text };
    const same = existing && JSON.stringify(existing) === JSON.stringify(run);
    const kind = same ? "unchanged" : existing ? "updated" : "created";
    if (!same) this.writes.push({ op: "ensureCheckRun", headSha: check.headSha, conclusion: check.conclusion, kind });
    this.ownRuns.set(check.headSha, run);
    return { id: run.id, kind } as const;
  }
  async addLabels(_repo: RepoRef, _number: number, labels: string[]) {
    this.writes.push({ op: "addLabels", labels });
    this.pr.labels.push(...labels);
  }
  async findBotComment(_repo: RepoRef, _target: CommentTarget, needle: string) {
    return this.comments.find((c) => c.bot && c.body.includes(needle)) ?? null;
  }
  async createComment(_repo: RepoRef, _target: CommentTarget, body: string) {
    const comment = { id: this.comments.length + 1, url: "", body, bot: true };
    this.comments.push(comment);
    this.writes.push({ op: "createComment", body });
    return comment;
  }
  async updateComment(_repo: RepoRef, _target: CommentTarget, id: number, body: string) {
    const comment = this.comments.find((c) => c.id === id);
    if (comment) comment.body = body;
    this.writes.push({ op: "updateComment", id, body });
  }
  async merge(_repo: RepoRef, _number: number, merge: { sha: string; title: string; message: string }): Promise<MergeResult> {
    this.writes.push({ op: "merge", ...merge });
    return this.mergeResult ?? (merge.sha === this.pr.headSha ? { kind: "merged", sha: "e".repeat(40) } : { kind: "head-moved" });
  }
}
