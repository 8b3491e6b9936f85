import { BUNDLED_RUNBOOKS_DIR, loadRunbookDir } from "../adapters/runbooks/load-runbook-dir.js";
import { loadRepoRunbooks } from "../adapters/runbooks/load-repo-runbooks.js";
import type { Octokit } from "../adapters/github/github-call.js";
import { mergeRunbookSets } from "../core/plan/runbooks/merge-runbook-sets.js";
import type { RunbookSet } from "../core/plan/runbooks/parse-runbook-files.js";
import { formatProblem } from "../core/validate/located-problem.js";
import type { Logger } from "../ports/logger.js";
import type { Runbook } from "../schemas/runbook.js";
import type { RepoRef } from "../schemas/signal.js";

let bundled: Promise<RunbookSet> | undefined;

/** The runbooks shipped in the package, read once per process. */
export const bundledRunbooks = (): Promise<RunbookSet> => (bundled ??= loadRunbookDir(BUNDLED_RUNBOOKS_DIR));

/**
 * The runbooks that apply to a repository: the bundled ones, then its own from the default branch.
 * Rejected files are logged with file:line:column; the valid ones still apply.
 */
export const repositoryRunbooks = async (octokit: Octokit, repo: RepoRef, defaultBranch: string, log: Pick<Logger, "warn">, base: () => Promise<RunbookSet> = bundledRunbooks): Promise<Runbook[]> => {
  // the repository's runbooks unreadable (GitHub failing): the bundled ones still apply
  const own = await loadRepoRunbooks(octokit, repo, defaultBranch).catch((error: unknown) => {
    log.warn({ repo: `${repo.owner}/${repo.name}`, err: error instanceof Error ? error.message : String(error) }, "repository runbooks could not be read; the bundled ones apply");
    return { runbooks: [], problems: [] };
  });
  const set = mergeRunbookSets(await base(), own);
  if (set.problems.length > 0) log.warn({ repo: `${repo.owner}/${repo.name}`, problems: set.problems.map(formatProblem) }, "runbooks rejected; the valid ones still apply");
  return set.runbooks.map((l) => l.runbook);
};
