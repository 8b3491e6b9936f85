import { readLogBytes } from "../../../src/core/diagnose/read-log-bytes.js";
import type { CheckRunAnnotation, CodeHost, FailedCheckRun, FailedJob, IssueRef, JobLogBytes, Listing } from "../../../src/ports/code-host.js";
import type { RepoRef } from "../../../src/schemas/signal.js";
import { InMemoryCommentHost } from "./in-memory-comment-host.js";

export interface StoredIssue {
  repo: RepoRef;
  number: number;
  title: string;
  body: string;
  labels: string[];
}

export type Write = { op: "createIssue"; title: string; labels: string[] } | { op: "updateIssueBody"; number: number };

/** A CodeHost over plain arrays: what was written is inspectable, what is read is seeded. */
export class InMemoryCodeHost extends InMemoryCommentHost implements CodeHost {
  readonly issues: StoredIssue[] = [];
  readonly writes: Write[] = [];
  readonly files = new Map<string, string>();
  jobs: FailedJob[] = [];
  readonly logs = new Map<number, string>();
  readonly logReads: Array<{ jobId: number; maxBytes: number }> = [];
  /** failed check runs by suite id, and annotations by check run id */
  readonly checkRuns = new Map<number, FailedCheckRun[]>();
  readonly annotations = new Map<number, CheckRunAnnotation[]>();

  async readDefaultBranchFile(_repo: RepoRef, path: string): Promise<string | null> {
    return this.files.get(path) ?? null;
  }

  async listFailedJobs(): Promise<FailedJob[]> {
    return this.jobs;
  }

  async readJobLogTail(_repo: RepoRef, jobId: number, maxBytes: number): Promise<string> {
    this.logReads.push({ jobId, maxBytes });
    return (this.logs.get(jobId) ?? "").slice(-maxBytes);
  }

  streamJobLog(_repo: RepoRef, jobId: number, maxBytes: number): JobLogBytes {
    this.logReads.push({ jobId, maxBytes });
    const bytes = new TextEncoder().encode(this.logs.get(jobId) ?? "");
    return Object.assign(readLogBytes(async () => [bytes], maxBytes), { startMissing: false });
  }

  /** suites and check runs whose listing stopped at the page cap */
  readonly cappedListings = new Set<number>();

  async listFailedCheckRuns(_repo: RepoRef, suiteId: number): Promise<Listing<FailedCheckRun>> {
    return { items: this.checkRuns.get(suiteId) ?? [], capped: this.cappedListings.has(suiteId) };
  }

  async listCheckRunAnnotations(_repo: RepoRef, checkRunId: number): Promise<Listing<CheckRunAnnotation>> {
    return { items: this.annotations.get(checkRunId) ?? [], capped: this.cappedListings.has(checkRunId) };
  }

  async findIssueByMarker(repo: RepoRef, marker: string, label: string): Promise<IssueRef | null> {
    const found = this.issues.find((i) => sameRepo(i.repo, repo) && i.labels.includes(label) && i.body.includes(marker));
    return found ? toRef(found) : null;
  }

  async createIssue(repo: RepoRef, issue: { title: string; body: string; labels: string[] }): Promise<IssueRef> {
    const stored = { repo, number: this.issues.length + 1, ...issue };
    this.issues.push(stored);
    this.writes.push({ op: "createIssue", title: issue.title, labels: issue.labels });
    return toRef(stored);
  }

  async updateIssueBody(repo: RepoRef, number: number, body: string): Promise<void> {
    const stored = this.issues.find((i) => sameRepo(i.repo, repo) && i.number === number);
    if (!stored) throw new Error(`no issue #${number}`);
    stored.body = body;
    this.writes.push({ op: "updateIssueBody", number });
  }
}

const sameRepo = (a: RepoRef, b: RepoRef) => a.owner === b.owner && a.name === b.name;
const toRef = (i: StoredIssue): IssueRef => ({ number: i.number, url: `https://github.com/${i.repo.owner}/${i.repo.name}/issues/${i.number}`, body: i.body });
