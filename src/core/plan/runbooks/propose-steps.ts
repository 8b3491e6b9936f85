import type { ActionProposal, FileChange, Risk } from "../../../schemas/action-proposal.js";
import type { Runbook } from "../../../schemas/runbook.js";
import type { RunbookFacts } from "../../../schemas/runbook-facts.js";
import { toProposal } from "../actions/action-catalog.js";
import type { PlannedAction, RepoFiles } from "../actions/action-module.js";
import type { ActionCatalog } from "./action-catalog-type.js";
import { parseStepParams } from "./parse-step-params.js";
import type { RenderedStep } from "./render-steps.js";

export type ProposedSteps = { kind: "proposed"; proposals: ActionProposal[] } | { kind: "skipped"; reason: string } | { kind: "invalid"; problems: string[] };

const RISK_ORDER: readonly Risk[] = ["low", "medium", "high"];
const higher = (a: Risk, b: Risk): Risk => (RISK_ORDER.indexOf(a) >= RISK_ORDER.indexOf(b) ? a : b);

/** Later steps read the files as earlier steps left them (reverted files are unknown until git ran). */
const overlay = (files: RepoFiles, changes: readonly FileChange[]): RepoFiles => {
  const changed = new Map(changes.filter((c) => c.change !== "revert").map((c) => [c.path, c.content]));
  return { read: async (path) => (changed.has(path) ? (changed.get(path) ?? null) : files.read(path)) };
};

const inverseText = (runbook: Runbook, planned: Extract<PlannedAction, { kind: "planned" }>, rollback: readonly RenderedStep[]): string => {
  if (runbook.rollback.inverse) return planned.inverse.description;
  const steps = rollback.map((s) => `${s.action} ${JSON.stringify(s.params)}`).join(", then ");
  return `runbook ${runbook.id} rolls back with: ${steps}`;
};

/**
 * Validates each rendered step against its catalog module and plans it. A step that does not
 * apply skips the whole runbook: half a runbook is not what its author reviewed.
 */
export const proposeSteps = async (
  runbook: Runbook,
  steps: readonly RenderedStep[],
  rollback: readonly RenderedStep[],
  context: { facts: RunbookFacts; files: RepoFiles; catalog: ActionCatalog },
): Promise<ProposedSteps> => {
  const proposals: ActionProposal[] = [];
  let files = context.files;
  for (const [index, step] of steps.entries()) {
    const where = `steps[${index}] ${step.action}`;
    const parsed = parseStepParams(step, index, "steps", context.catalog);
    if (!parsed.ok) return { kind: "invalid", problems: parsed.problems };
    const planned = await parsed.module.plan(parsed.params, files);
    if (planned.kind === "not-applicable") return { kind: "skipped", reason: `${where}: ${planned.reason}` };
    files = overlay(files, planned.changes);
    const proposal = toProposal({
      incidentId: context.facts.incident_id,
      runbookId: runbook.id,
      kind: step.action,
      params: parsed.params,
      planned,
      risk: higher(runbook.risk, parsed.module.risk),
    });
    proposals.push({ ...proposal, inverse: inverseText(runbook, planned, rollback) });
  }
  return { kind: "proposed", proposals };
};
