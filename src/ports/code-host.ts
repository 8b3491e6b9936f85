import type { RepoRef } from "../schemas/signal.js";

export interface FailedJob {
  id: number;
  name: string;
  conclusion: string;
  url: string;
  failedStep: string | null;
}

export interface IssueRef {
  number: number;
  url: string;
  body: string;
}

/** What the core needs from GitHub (or the sandbox). Implemented in src/adapters/github. */
export interface CodeHost {
  /** Raw text of a file on the default branch, or null when absent. */
  readDefaultBranchFile(repo: RepoRef, path: string): Promise<string | null>;
  listFailedJobs(repo: RepoRef, runId: number): Promise<FailedJob[]>;
  /** The last `maxBytes` of a job's log (GitHub redirects to a signed log URL). */
  readJobLogTail(repo: RepoRef, jobId: number, maxBytes: number): Promise<string>;
  /** An open or closed issue whose body carries the hidden marker. */
  findIssueByMarker(repo: RepoRef, marker: string, label: string): Promise<IssueRef | null>;
  createIssue(repo: RepoRef, issue: { title: string; body: string; labels: string[] }): Promise<IssueRef>;
  updateIssueBody(repo: RepoRef, number: number, body: string): Promise<void>;
}
