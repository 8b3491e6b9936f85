import { duplicateIdProblem, type RunbookSet } from "./parse-runbook-files.js";

/**
 * The bundled runbooks plus a repository's own (`.github/agenticops/runbooks/`). A repository may
 * add runbooks with new ids but may not replace a bundled one: a bundled runbook's bounds are
 * part of what the product promises, and a file in the repository silently loosening them would
 * be invisible to whoever reviews the bot's pull requests. Such a file is rejected with a located
 * problem (rename it to keep it); the bundled runbook stays.
 */
export const mergeRunbookSets = (bundled: RunbookSet, repo: RunbookSet): RunbookSet => {
  const bundledById = new Map(bundled.runbooks.map((l) => [l.runbook.id, l]));
  const problems = [...bundled.problems, ...repo.problems];
  const added = repo.runbooks.filter((loaded) => {
    const first = bundledById.get(loaded.runbook.id);
    if (!first) return true;
    const problem = duplicateIdProblem(loaded, first, "runbook id");
    problems.push({ ...problem, message: `${problem.message}; repository runbooks may add new ids but not replace bundled ones, so rename this one` });
    return false;
  });
  return { runbooks: [...bundled.runbooks, ...added], problems };
};
