import type { RepoRef } from "../schemas/signal.js";

export interface RunSummary {
  id: number;
  runNumber: number;
  headSha: string;
  headBranch: string | null;
  conclusion: string | null;
  status: string | null;
  createdAt: string;
  url: string;
}

export interface DeploymentSummary {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  createdAt: string;
  /** state of the newest status, null when it has none */
  state: string | null;
}

export interface CommitSummary {
  sha: string;
  /** the commit's tree, so a change can be built on top of it without another call */
  tree: string;
  parents: string[];
  message: string;
  author: string;
  date: string;
}

export interface ChangedFile {
  path: string;
  status: string;
  previousPath: string | null;
  additions: number;
  deletions: number;
  patch: string | null;
  /** blob sha of the file at the head of the comparison */
  blobSha: string;
}

export interface Comparison {
  /** "ahead" when head descends from base, as GitHub reports it */
  status: "ahead" | "behind" | "identical" | "diverged";
  /** base..head, oldest first (GitHub returns at most one page: compare with totalCommits) */
  commits: CommitSummary[];
  totalCommits: number;
  files: ChangedFile[];
}

/** One commit with the files it changed, as GitHub's commit API lists them. */
export type CommitDetail = CommitSummary & { files: ChangedFile[] };

/** What the planner reads to decide what "last good" means and what changed since. */
export interface DeployHistory {
  /** Runs of one workflow on one branch, newest first (one page is enough to find last good). */
  listWorkflowRuns(repo: RepoRef, workflowId: number, branch: string): Promise<RunSummary[]>;
  /**
   * Deployments of one environment, newest first, each with its newest status; the list may end
   * at the `successes`-th successful (or inactive) one (default 1: nothing older is needed for
   * "last good"; 2 when the newest successful deploy is itself the suspect).
   */
  listDeployments(repo: RepoRef, environment: string, limit: number, successes?: number): Promise<DeploymentSummary[]>;
  compare(repo: RepoRef, base: string, head: string): Promise<Comparison | null>;
  /** One commit with its changed files (one call), or null when the repository has no such commit. */
  getCommit(repo: RepoRef, sha: string): Promise<CommitDetail | null>;
}
