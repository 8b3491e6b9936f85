import { formatJsonPath } from "../../../schemas/drill-template.js";
import type { ActionKind } from "../../../schemas/action-proposal.js";
import type { RunbookStep } from "../../../schemas/runbook-step.js";
import { renderValue, type TemplateScope } from "./render-template.js";

/** A step with its `with:` templates filled in: the action's parameters. */
export interface RenderedStep {
  action: ActionKind;
  params: Record<string, unknown>;
}

export type RenderedSteps = { kind: "rendered"; steps: RenderedStep[] } | { kind: "missing"; reason: string } | { kind: "invalid"; problems: string[] };

/** Fills in every step's `with:`; `section` names the list in messages (`steps`, `rollback.steps`). */
export const renderSteps = (steps: readonly RunbookStep[], scope: TemplateScope, section: string): RenderedSteps => {
  const rendered: RenderedStep[] = [];
  for (const [index, step] of steps.entries()) {
    const result = renderValue(step.with, scope, [index, "with"]);
    if (!result.ok) {
      const message = `${section}${formatJsonPath(result.path)}: ${result.error.message}`;
      return result.error.kind === "missing" ? { kind: "missing", reason: message } : { kind: "invalid", problems: [message] };
    }
    rendered.push({ action: step.action, params: result.value as Record<string, unknown> });
  }
  return { kind: "rendered", steps: rendered };
};
