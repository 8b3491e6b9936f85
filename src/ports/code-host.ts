import type { RepoRef } from "../schemas/signal.js";
import type { CommentHost } from "./comment-host.js";

/**
 * A streamed job log, as raw bytes (the excerpt engine decodes only the lines it keeps). Read it
 * to the end before looking at the flags.
 */
export interface JobLogBytes extends AsyncIterable<Uint8Array> {
  /** true once the download stopped at its byte budget: the end is missing, its last bytes a cut line */
  readonly capped: boolean;
  /** true when only the log's end was downloaded: the start is missing (the cut first line was left out) */
  readonly startMissing: boolean;
}

export interface FailedJob {
  id: number;
  name: string;
  conclusion: string;
  url: string;
  failedStep: string | null;
}

/** A failed check run of a third-party CI app: its `output` is the evidence Actions logs would be. */
export interface FailedCheckRun {
  id: number;
  name: string;
  conclusion: string;
  url: string;
  title: string | null;
  summary: string | null;
  text: string | null;
}

export interface CheckRunAnnotation {
  path: string;
  startLine: number;
  level: "failure" | "warning" | "notice";
  title: string | null;
  message: string;
}

/**
 * The items of a paginated listing. `capped` is true when reading stopped at the adapter's page
 * cap while GitHub still had more pages: what follows was not seen.
 */
export interface Listing<T> {
  items: T[];
  capped: boolean;
}

export interface IssueRef {
  number: number;
  url: string;
  body: string;
}

/** An issue or pull request the bot can learn from: a past incident, or a fix it proposed. */
export interface KnowledgeItem {
  number: number;
  kind: "issue" | "pull-request";
  title: string;
  body: string;
  url: string;
  state: "open" | "closed";
}

/** What the core needs from GitHub (or the sandbox). Implemented in src/adapters/github. */
export interface CodeHost extends CommentHost {
  /** Raw text of a file on the default branch, or null when absent. */
  readDefaultBranchFile(repo: RepoRef, path: string): Promise<string | null>;
  listFailedJobs(repo: RepoRef, runId: number): Promise<FailedJob[]>;
  /** The last `maxBytes` of a job's log (GitHub redirects to a signed log URL). */
  readJobLogTail(repo: RepoRef, jobId: number, maxBytes: number): Promise<string>;
  /**
   * A job's log as raw bytes, streamed and never held whole: its end (the last `maxBytes`), or the
   * whole log from the start, up to a budget, where the server ignores the range. The request is
   * made when iteration starts; errors surface from the iteration.
   */
  streamJobLog(repo: RepoRef, jobId: number, maxBytes: number): JobLogBytes;
  /**
   * A check suite's completed runs that failed, timed out or need action (at most five), read
   * page by page until five are found or the pages (or the page cap) run out. Optional: a host
   * without it gives check suites no evidence.
   */
  listFailedCheckRuns?(repo: RepoRef, suiteId: number): Promise<Listing<FailedCheckRun>>;
  /**
   * A check run's annotations (at most 50), failures first, then warnings, then notices, chosen
   * from all its pages (up to the page cap): a failure on the last page still comes first.
   */
  listCheckRunAnnotations?(repo: RepoRef, checkRunId: number): Promise<Listing<CheckRunAnnotation>>;
  /** An open or closed issue whose body carries the hidden marker. */
  findIssueByMarker(repo: RepoRef, marker: string, label: string): Promise<IssueRef | null>;
  createIssue(repo: RepoRef, issue: { title: string; body: string; labels: string[] }): Promise<IssueRef>;
  updateIssueBody(repo: RepoRef, number: number, body: string): Promise<void>;
  /**
   * The newest (at most `limit`, one page) issues and pull requests carrying `label`, open or
   * closed, in one API call. Optional: a host without it gives the diagnosis no past incidents.
   */
  listKnowledgeItems?(repo: RepoRef, label: string, limit: number): Promise<KnowledgeItem[]>;
  /** Starts a new attempt of a completed workflow run with only its failed jobs (and their dependents). */
  rerunFailedJobs?(repo: RepoRef, runId: number): Promise<void>;
}
