import { createHash } from "node:crypto";
import type { ChangePublisher, CheckRunWrite, FileAtRef, PullRequestRef, RecentPullRequest } from "../../../src/ports/change-publisher.js";
import type { RepoRef } from "../../../src/schemas/signal.js";

/** The blob sha git (and GitHub's contents API) gives a text. */
export const gitBlobSha = (text: string): string => {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
};

export type NewBranchCommit = Parameters<ChangePublisher["commitToNewBranch"]>[1];

export interface StoredPull extends PullRequestRef {
  title: string;
  head: string;
  base: string;
  labels: string[];
  reviewers: { users: string[]; teams: string[] };
  createdAt: string;
}

export type PublisherWrite =
  | { op: "commitToNewBranch"; branch: string }
  | { op: "createPullRequest"; head: string }
  | { op: "addLabels"; number: number; labels: string[] }
  | { op: "requestReviewers"; number: number; users: string[]; teams: string[] }
  | { op: "comment"; number: number }
  | { op: "ensureCheckRun"; name: string; headSha: string; conclusion: string };

/**
 * A ChangePublisher over maps: files are seeded per ref, branches are a name → sha map where
 * creating an existing name answers "exists" (GitHub's 422), and every write is recorded.
 */
export class InMemoryChangePublisher implements ChangePublisher {
  readonly files = new Map<string, FileAtRef>();
  readonly branches = new Map<string, string>();
  readonly pulls: StoredPull[] = [];
  readonly comments = new Map<number, string[]>();
  readonly commits: NewBranchCommit[] = [];
  readonly writes: PublisherWrite[] = [];
  readonly reads: string[] = [];
  /** labels on open issues the bot cannot see otherwise (the kill switch) */
  readonly openLabels: string[] = [];
  /** when seeded and created pull requests are stamped */
  now: () => string = () => "2026-11-23T14:05:00.000Z";
  private nextCommit = 1;

  /** Seeds `path` at `ref`; the blob sha is git's unless one is given. */
  setFile(ref: string, path: string, text: string, blobSha = gitBlobSha(text)): void {
    this.files.set(`${ref}:${path}`, { path, text, blobSha });
  }

  /** Seeds a pull request from `head` (open unless told otherwise). */
  addPull(head: string, change: Partial<StoredPull> = {}): StoredPull {
    const number = this.pulls.length + 1;
    const pull: StoredPull = {
      number,
      url: `https://github.com/acme/shop/pull/${number}`,
      state: "open",
      merged: false,
      headSha: "f".repeat(40),
      body: "",
      title: `pull ${number}`,
      head,
      base: "main",
      labels: [],
      reviewers: { users: [], teams: [] },
      createdAt: this.now(),
      ...change,
    };
    this.pulls.push(pull);
    return pull;
  }

  async readFile(_repo: RepoRef, path: string, ref: string): Promise<FileAtRef | null> {
    this.reads.push(`${ref}:${path}`);
    return this.files.get(`${ref}:${path}`) ?? null;
  }

  async commitToNewBranch(_repo: RepoRef, change: NewBranchCommit): Promise<{ kind: "created"; sha: string } | { kind: "exists" }> {
    this.commits.push(change);
    if (this.branches.has(change.branch)) return { kind: "exists" };
    const sha = (this.nextCommit++).toString(16).padStart(40, "c");
    this.branches.set(change.branch, sha);
    this.tipMessages.set(change.branch, change.message);
    this.writes.push({ op: "commitToNewBranch", branch: change.branch });
    return { kind: "created", sha };
  }

  /** messages of branch tips, as commitToNewBranch stored them */
  readonly tipMessages = new Map<string, string>();

  async branchHeadMessage(_repo: RepoRef, branch: string): Promise<string | null> {
    this.reads.push(`tip:${branch}`);
    return this.branches.has(branch) ? (this.tipMessages.get(branch) ?? "") : null;
  }

  async findPullRequests(_repo: RepoRef, branch: string): Promise<PullRequestRef[]> {
    return this.pulls.filter((p) => p.head === branch).map(toRef);
  }

  async createPullRequest(_repo: RepoRef, pr: { title: string; body: string; head: string; base: string }): Promise<PullRequestRef> {
    this.writes.push({ op: "createPullRequest", head: pr.head });
    return toRef(this.addPull(pr.head, { ...pr, headSha: this.branches.get(pr.head) ?? "" }));
  }

  async addLabels(_repo: RepoRef, number: number, labels: string[]): Promise<void> {
    this.writes.push({ op: "addLabels", number, labels });
    this.pull(number).labels.push(...labels);
  }

  async requestReviewers(_repo: RepoRef, number: number, reviewers: { users: string[]; teams: string[] }): Promise<void> {
    this.writes.push({ op: "requestReviewers", number, ...reviewers });
    this.pull(number).reviewers = reviewers;
  }

  async comment(_repo: RepoRef, number: number, body: string): Promise<void> {
    this.writes.push({ op: "comment", number });
    this.comments.set(number, [...(this.comments.get(number) ?? []), body]);
  }

  async listComments(_repo: RepoRef, number: number): Promise<string[]> {
    return [...(this.comments.get(number) ?? [])];
  }

  /** the bot's check runs, the latest write per name and head SHA */
  readonly checkRuns = new Map<string, CheckRunWrite & { id: number }>();

  async ensureCheckRun(_repo: RepoRef, check: CheckRunWrite): Promise<{ id: number; kind: "created" | "updated" | "unchanged" }> {
    const key = `${check.name}@${check.headSha}`;
    const existing = this.checkRuns.get(key);
    if (existing && JSON.stringify({ ...existing, id: 0 }) === JSON.stringify({ ...check, id: 0 })) return { id: existing.id, kind: "unchanged" };
    this.writes.push({ op: "ensureCheckRun", name: check.name, headSha: check.headSha, conclusion: check.conclusion });
    const id = existing?.id ?? this.checkRuns.size + 1;
    this.checkRuns.set(key, { ...check, id });
    return { id, kind: existing ? "updated" : "created" };
  }

  async listRecentPullRequests(_repo: RepoRef, since: Date, headPrefix: string): Promise<RecentPullRequest[]> {
    this.reads.push(`recent:${headPrefix}`);
    return this.pulls
      .filter((p) => p.head.startsWith(headPrefix) && Date.parse(p.createdAt) >= since.getTime())
      .reverse()
      .map((p) => ({ number: p.number, head: p.head, createdAt: p.createdAt }));
  }

  async hasOpenItemWithLabel(_repo: RepoRef, label: string): Promise<boolean> {
    this.reads.push(`label:${label}`);
    return this.openLabels.some((l) => l.toLowerCase() === label.toLowerCase()) || this.pulls.some((p) => p.state === "open" && p.labels.includes(label));
  }

  private pull(number: number): StoredPull {
    const found = this.pulls.find((p) => p.number === number);
    if (!found) throw new Error(`no pull request #${number}`);
    return found;
  }
}

const toRef = (p: StoredPull): PullRequestRef => ({ number: p.number, url: p.url, state: p.state, merged: p.merged, headSha: p.headSha, body: p.body });
