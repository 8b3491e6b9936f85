import { z } from "zod";
import { Risk } from "./action-proposal.js";
import { RunbookExample } from "./runbook-example.js";
import { ParameterName, RunbookParameter } from "./runbook-parameter.js";
import { RunbookPrecondition } from "./runbook-precondition.js";
import { RunbookRollback, RunbookStep, RunbookStopConditions, RunbookVerification } from "./runbook-step.js";
import { RunbookTrigger } from "./runbook-trigger.js";

export const RunbookId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'expected a kebab-case id like "deploy-failed-rollback"' });

/**
 * A runbook: which incidents it applies to, the checks that must hold, typed parameters, the
 * catalogued actions it proposes, how to undo and verify them, and worked examples that run as
 * tests. A public format documented in runbooks/README.md; unknown keys are errors so typos
 * surface. Parse files with `parseRunbookFile` (src/core/plan/runbooks/parse-runbook-file.ts),
 * which adds file:line:column and the checks that need the action catalog.
 */
export const Runbook = z.strictObject({
  id: RunbookId,
  title: z.string().min(1),
  description: z.string().min(1),
  risk: Risk,
  triggers: z.array(RunbookTrigger).min(1, { error: "expected at least one trigger" }),
  preconditions: z.array(RunbookPrecondition).default([]),
  parameters: z.record(ParameterName, RunbookParameter).default({}),
  steps: z.array(RunbookStep).min(1, { error: "expected at least one step" }),
  stop_conditions: RunbookStopConditions.default({}),
  rollback: RunbookRollback,
  verification: RunbookVerification,
  examples: z.array(RunbookExample).min(1, { error: "expected at least one example; a runbook without a test is not done" }),
});
export type Runbook = z.infer<typeof Runbook>;
export type RunbookInput = z.input<typeof Runbook>;
