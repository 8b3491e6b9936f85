import type { Comparison, DeployHistory } from "../../ports/deploy-history.js";
import type { Logger } from "../../ports/logger.js";
import type { RepoRef } from "../../schemas/signal.js";
import type { SuspectRange } from "../../schemas/suspect-range.js";
import { newestSuccessBefore } from "../plan/find-last-good.js";
import { commitsWithFiles } from "./commits-with-files.js";
import type { CommitWithFiles } from "./rank-suspects.js";

/** The failing run, as its webhook or the runs API describes it. */
export interface FailingRun {
  id: number;
  runNumber: number;
  workflowId: number;
  headSha: string;
  headBranch: string | null;
  event: string;
  pullRequests: { number: number; baseSha: string | null }[];
}

/** The commits to rank, and what they are, for the write-up. */
export interface SuspectCommits {
  commits: CommitWithFiles[];
  range: SuspectRange;
}

const short = (sha: string): string => sha.slice(0, 7);

const range = (fields: Partial<SuspectRange> & Pick<SuspectRange, "kind" | "head">): SuspectRange => ({
  base: null,
  commits: 0,
  total: 0,
  pullRequest: null,
  branch: null,
  lastSuccess: null,
  reason: null,
  ...fields,
});

const unavailable = (run: FailingRun, reason: string): SuspectCommits => ({ commits: [], range: range({ kind: "unavailable", head: run.headSha, branch: run.headBranch, reason }) });

// compare lists base..head from their merge base; say so when base is not simply behind head.
const comparisonNote = (comparison: Comparison, base: string, head: string): string | null => {
  if (comparison.status === "diverged") return `${short(base)} is not an ancestor of ${short(head)} (history was rewritten), so the commits since their merge base were ranked`;
  if (comparison.status === "behind") return `${short(head)} is older than ${short(base)}, so no commit lies between them`;
  return null;
};

const pullRequestRange = async (history: DeployHistory, repo: RepoRef, run: FailingRun, pr: { number: number; baseSha: string }): Promise<SuspectCommits> => {
  const comparison = await history.compare(repo, pr.baseSha, run.headSha);
  if (!comparison) return unavailable(run, `GitHub could not compare pull request #${pr.number}'s base ${short(pr.baseSha)} with ${short(run.headSha)}`);
  const commits = commitsWithFiles(comparison);
  return { commits, range: range({ kind: "pull-request", base: pr.baseSha, head: run.headSha, commits: commits.length, total: comparison.totalCommits, pullRequest: pr.number, branch: run.headBranch }) };
};

/** Since the workflow's last successful run on the branch: one runs call, then one compare (or one commit) call. */
const branchRange = async (history: DeployHistory, repo: RepoRef, run: FailingRun, branch: string): Promise<SuspectCommits> => {
  const runs = await history.listWorkflowRuns(repo, run.workflowId, branch);
  // a re-run keeps its id: the failing run's own earlier attempts are not "before" it
  const good = newestSuccessBefore(runs.filter((r) => r.id !== run.id), run.runNumber);
  const head = run.headSha;
  if (!good) {
    const commit = await history.getCommit(repo, head);
    if (!commit) return unavailable(run, `GitHub does not know the failing commit ${short(head)}`);
    return { commits: [commit], range: range({ kind: "failing-commit", head, commits: 1, total: 1, branch, reason: "no earlier successful run of this workflow on this branch" }) };
  }
  const lastSuccess = { runNumber: good.runNumber, url: good.url };
  if (good.headSha === head) return { commits: [], range: range({ kind: "unchanged", base: head, head, branch, lastSuccess }) };
  const comparison = await history.compare(repo, good.headSha, head);
  if (!comparison) return unavailable(run, `GitHub could not compare ${short(good.headSha)} (run #${good.runNumber}) with ${short(head)}`);
  const commits = commitsWithFiles(comparison);
  const reason = comparisonNote(comparison, good.headSha, head);
  return { commits, range: range({ kind: "since-last-success", base: good.headSha, head, commits: commits.length, total: comparison.totalCommits, branch, lastSuccess, reason }) };
};

/**
 * The commits a failed run's suspects are ranked from: a pull request's own commits (one compare
 * call); for a branch build, those since the head of the same workflow's newest successful run
 * before it (one runs call and one compare call), or the failing commit alone when there is no
 * such run (one commit call). An API failure leaves the diagnosis without suspects, never without
 * a diagnosis.
 */
export const findSuspectCommits = async (history: DeployHistory, repo: RepoRef, run: FailingRun, log?: Logger): Promise<SuspectCommits> => {
  try {
    const pr = run.pullRequests.find((p): p is { number: number; baseSha: string } => p.baseSha !== null);
    if (pr) return await pullRequestRange(history, repo, run, pr);
    // a pull request from a fork: the run lists no pull request, and its branch is the fork's
    if (run.pullRequests.length > 0 || run.event.startsWith("pull_request")) return unavailable(run, "GitHub did not say which pull request (and base) the run belongs to");
    if (!run.headBranch) return unavailable(run, "the run has no branch");
    return await branchRange(history, repo, run, run.headBranch);
  } catch (error) {
    log?.warn({ run: run.id, err: error instanceof Error ? error.message : String(error) }, "suspect commits unavailable");
    return unavailable(run, "GitHub did not list the commits (an API call failed)");
  }
};
