import { ACTION_CATALOG } from "../actions/action-catalog.js";
import type { LocatedProblem } from "../../validate/located-problem.js";
import type { ActionCatalog } from "./action-catalog-type.js";
import { parseRunbookFile, type LoadedRunbook } from "./parse-runbook-file.js";

/** Valid runbooks and the problems of the rest: one bad file never disables its siblings. */
export interface RunbookSet {
  runbooks: LoadedRunbook[];
  problems: LocatedProblem[];
}

export const duplicateIdProblem = (loaded: LoadedRunbook, first: LoadedRunbook, why: string): LocatedProblem => ({
  file: loaded.file,
  ...loaded.idAt,
  path: "id",
  message: `${why} "${loaded.runbook.id}" is already defined in ${first.file}:${first.idAt.line}:${first.idAt.column}`,
});

/**
 * Parses several runbook files (in the order given, e.g. sorted by name). A later file reusing an
 * id is rejected with a problem pointing at both places; the first keeps working.
 */
export const parseRunbookFiles = (files: ReadonlyArray<{ file: string; text: string }>, catalog: ActionCatalog = ACTION_CATALOG): RunbookSet => {
  const byId = new Map<string, LoadedRunbook>();
  const problems: LocatedProblem[] = [];
  for (const { file, text } of files) {
    const parsed = parseRunbookFile(text, file, catalog);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const first = byId.get(parsed.loaded.runbook.id);
    if (first) problems.push(duplicateIdProblem(parsed.loaded, first, "duplicate runbook id"));
    else byId.set(parsed.loaded.runbook.id, parsed.loaded);
  }
  return { runbooks: [...byId.values()], problems };
};
