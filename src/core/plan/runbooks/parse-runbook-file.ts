import { ACTION_CATALOG } from "../actions/action-catalog.js";
import { Runbook } from "../../../schemas/runbook.js";
import type { LocatedProblem } from "../../validate/located-problem.js";
import { parseYamlDocument } from "../../validate/parse-yaml-document.js";
import type { SourcePosition } from "../../validate/yaml-locate.js";
import type { ActionCatalog } from "./action-catalog-type.js";
import { runbookProblems } from "./runbook-problems.js";

/** A valid runbook and where it came from, so later checks (duplicate ids) can point at it. */
export interface LoadedRunbook {
  runbook: Runbook;
  file: string;
  /** position of the `id` value */
  idAt: SourcePosition;
}

export type ParsedRunbookFile = { ok: true; loaded: LoadedRunbook } | { ok: false; problems: LocatedProblem[] };

const ROLLBACK_HINT =
  "; every runbook says how to undo it: `rollback: { inverse: true }` (the catalog's inverse of each step) or `rollback: { steps: [...] }`";

const withHints = (problem: LocatedProblem): LocatedProblem =>
  problem.path === "rollback" && problem.message === 'missing required key "rollback"' ? { ...problem, message: `${problem.message}${ROLLBACK_HINT}` } : problem;

/**
 * Parses one runbook file: YAML syntax, the schema, then the checks that need the action catalog.
 * Every problem is located (file:line:column and the path inside the runbook), never thrown.
 */
export const parseRunbookFile = (text: string, file: string, catalog: ActionCatalog = ACTION_CATALOG): ParsedRunbookFile => {
  const parsed = parseYamlDocument(text, file, Runbook, "a runbook");
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map(withHints) };
  const problems = runbookProblems(parsed.value, catalog).map(parsed.locate);
  if (problems.length > 0) return { ok: false, problems };
  const { line, column } = parsed.locate({ path: ["id"], message: "", at: "value" });
  return { ok: true, loaded: { runbook: parsed.value, file, idAt: { line, column } } };
};
