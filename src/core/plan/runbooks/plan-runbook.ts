import { ACTION_CATALOG } from "../actions/action-catalog.js";
import type { ActionProposal } from "../../../schemas/action-proposal.js";
import type { Runbook } from "../../../schemas/runbook.js";
import type { RunbookFacts } from "../../../schemas/runbook-facts.js";
import type { RepoFiles } from "../actions/action-module.js";
import type { ActionCatalog } from "./action-catalog-type.js";
import { checkPreconditions, usesParameters } from "./check-preconditions.js";
import type { ParameterValue } from "./coerce-parameter.js";
import { fillParameters } from "./fill-parameters.js";
import { matchRunbooks } from "./match-runbooks.js";
import { proposeSteps } from "./propose-steps.js";
import { renderedStepProblems } from "./parse-step-params.js";
import { renderSteps, type RenderedStep } from "./render-steps.js";
import { runbookScope } from "./runbook-scope.js";
import { stopReason } from "./stop-reason.js";

export type RunbookPlan =
  | {
      kind: "planned";
      runbookId: string;
      params: Record<string, ParameterValue>;
      /** one per step, in order; the gate judges each */
      proposals: ActionProposal[];
      /** the runbook's own rollback steps, rendered; empty when it relies on the catalog's inverses */
      rollback: RenderedStep[];
    }
  /** a normal refusal: no trigger matches, a stop condition or precondition holds, a fact or file is missing */
  | { kind: "skipped"; reason: string }
  /** the runbook cannot be carried out as written for these facts (a value out of range, parameters the action rejects) */
  | { kind: "invalid"; problems: string[] };

const skipped = (reason: string): RunbookPlan => ({ kind: "skipped", reason });

/**
 * Plans one runbook for one incident, in this order: triggers, stop conditions, preconditions over
 * facts, parameters, preconditions over parameters, steps (each planned by its catalog module on
 * the files as earlier steps left them). Pure apart from reading `files`.
 */
export const planRunbook = async (runbook: Runbook, facts: RunbookFacts, files: RepoFiles, catalog: ActionCatalog = ACTION_CATALOG): Promise<RunbookPlan> => {
  const [match] = matchRunbooks([runbook], facts);
  if (!match?.matches) return skipped(`no trigger matches: ${match?.reasons.join("; ") ?? ""}`);
  const stop = stopReason(runbook, facts);
  if (stop) return skipped(stop);
  const checks = runbook.preconditions.map((check, index) => ({ check, index }));
  const early = await checkPreconditions(checks.filter((c) => !usesParameters(c.check)), runbookScope(facts), files);
  if (early.kind !== "passed") return early.kind === "failed" ? skipped(early.reason) : early;
  const filled = fillParameters(runbook, runbookScope(facts));
  if (filled.kind !== "filled") return filled.kind === "missing" ? skipped(filled.reason) : filled;
  const scope = runbookScope(facts, filled.params);
  const late = await checkPreconditions(checks.filter((c) => usesParameters(c.check)), scope, files);
  if (late.kind !== "passed") return late.kind === "failed" ? skipped(late.reason) : late;
  const steps = renderSteps(runbook.steps, scope, "steps");
  if (steps.kind !== "rendered") return steps.kind === "missing" ? skipped(steps.reason) : steps;
  const rollback = runbook.rollback.steps ? renderSteps(runbook.rollback.steps, scope, "rollback.steps") : { kind: "rendered" as const, steps: [] };
  if (rollback.kind !== "rendered") return rollback.kind === "missing" ? skipped(rollback.reason) : rollback;
  const rollbackProblems = renderedStepProblems(rollback.steps, "rollback.steps", catalog);
  if (rollbackProblems.length > 0) return { kind: "invalid", problems: rollbackProblems };
  const proposed = await proposeSteps(runbook, steps.steps, rollback.steps, { facts, files, catalog });
  if (proposed.kind !== "proposed") return proposed;
  return { kind: "planned", runbookId: runbook.id, params: filled.params, proposals: proposed.proposals, rollback: rollback.steps };
};
