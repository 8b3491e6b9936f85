import { formatJsonPath } from "../../../schemas/drill-template.js";
import { formatZodIssues } from "../../validate/format-zod-issue.js";
import type { ActionModule } from "../actions/action-module.js";
import type { ActionCatalog } from "./action-catalog-type.js";
import type { RenderedStep } from "./render-steps.js";

export type ParsedStep = { ok: true; module: ActionModule; params: Record<string, unknown> } | { ok: false; problems: string[] };

/** A rendered step checked against its catalog module's parameter schema; `section` is `steps` or `rollback.steps`. */
export const parseStepParams = (step: RenderedStep, index: number, section: string, catalog: ActionCatalog): ParsedStep => {
  const module = catalog[step.action];
  if (!module) return { ok: false, problems: [`${section}[${index}] ${step.action}: the action catalog has no "${step.action}"`] };
  const parsed = module.params.safeParse(step.params);
  if (parsed.success) return { ok: true, module, params: parsed.data };
  const problems = formatZodIssues(parsed.error.issues, module.params, step.params);
  return { ok: false, problems: problems.map((p) => `${section}${formatJsonPath([index, "with", ...p.path])}: ${p.message}`) };
};

/** Every problem of a list of steps (empty when all fit). */
export const renderedStepProblems = (steps: readonly RenderedStep[], section: string, catalog: ActionCatalog): string[] =>
  steps.flatMap((step, index) => {
    const parsed = parseStepParams(step, index, section, catalog);
    return parsed.ok ? [] : parsed.problems;
  });
