import type { Runbook } from "../../../schemas/runbook.js";
import type { SchemaProblem } from "../../validate/format-zod-issue.js";
import type { ActionCatalog } from "./action-catalog-type.js";
import { coerceParameter } from "./coerce-parameter.js";
import { stepProblems } from "./step-problems.js";
import { templateProblems } from "./template-problems.js";
import { parseKeyPath } from "./yaml-key-path.js";

const ALL_ROOTS = ["facts", "alert", "params"] as const;

const parameterProblems = (runbook: Runbook, names: string[]): SchemaProblem[] =>
  Object.entries(runbook.parameters).flatMap(([name, spec]) => {
    const at = ["parameters", name];
    const fromProblems = spec.from === undefined ? [] : templateProblems(spec.from, [...at, "from"], ["facts", "alert"], names);
    const coerced = spec.default === undefined ? null : coerceParameter(spec, spec.default);
    const defaultProblems = coerced && !coerced.ok ? [{ path: [...at, "default"], message: `the default does not fit the parameter: ${coerced.message}`, at: "value" as const }] : [];
    return [...fromProblems, ...defaultProblems];
  });

const keyPathProblems = (runbook: Runbook): SchemaProblem[] =>
  runbook.preconditions.flatMap((check, index) => {
    const [kind, body] = "key_exists" in check ? ["key_exists", check.key_exists] : "key_within" in check ? ["key_within", check.key_within] : ["", null];
    if (!body || body.path.includes("{{")) return [];
    const parsed = parseKeyPath(body.path);
    return parsed instanceof Error ? [{ path: ["preconditions", index, kind, "path"], message: parsed.message, at: "value" as const }] : [];
  });

const stopProblems = (runbook: Runbook): SchemaProblem[] => {
  const max = runbook.stop_conditions.max_steps;
  if (max === undefined || max >= runbook.steps.length) return [];
  return [{ path: ["stop_conditions", "max_steps"], message: `max_steps ${max} is less than the runbook's ${runbook.steps.length} steps, so it could never run`, at: "value" }];
};

/**
 * Checks that need more than the schema: templates name declared parameters and existing facts,
 * actions exist in the catalog and literal `with:` values fit them, defaults fit their types.
 * The schema already made rollback mandatory.
 */
export const runbookProblems = (runbook: Runbook, catalog: ActionCatalog): SchemaProblem[] => {
  const names = Object.keys(runbook.parameters);
  return [
    ...parameterProblems(runbook, names),
    ...templateProblems(runbook.preconditions, ["preconditions"], ALL_ROOTS, names),
    ...keyPathProblems(runbook),
    ...runbook.steps.flatMap((step, i) => templateProblems(step.with, ["steps", i, "with"], ALL_ROOTS, names)),
    ...stepProblems(runbook.steps, ["steps"], catalog),
    ...(runbook.rollback.steps ?? []).flatMap((step, i) => templateProblems(step.with, ["rollback", "steps", i, "with"], ALL_ROOTS, names)),
    ...stepProblems(runbook.rollback.steps ?? [], ["rollback", "steps"], catalog),
    ...stopProblems(runbook),
  ];
};
