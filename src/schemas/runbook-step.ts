import { z } from "zod";
import { ActionKind } from "./action-proposal.js";
import { Duration } from "./duration.js";

/** One catalogued action; `with` values may be templates, a lone `{{ x }}` keeps x's type. */
export const RunbookStep = z.strictObject({
  action: ActionKind,
  with: z.record(z.string(), z.unknown()).default({}),
});
export type RunbookStep = z.infer<typeof RunbookStep>;

/** How to undo the runbook: the catalog's inverse of each step, or steps of its own. */
export const RunbookRollback = z
  .strictObject({
    inverse: z.literal(true, { error: "expected true (the catalog's inverse of each step); to undo differently, give steps" }).optional(),
    steps: z.array(RunbookStep).min(1).optional(),
  })
  .superRefine((rollback, ctx) => {
    const given = (rollback.inverse ? 1 : 0) + (rollback.steps ? 1 : 0);
    if (given !== 1) ctx.addIssue({ code: "custom", message: "give exactly one of `inverse: true` or `steps`", input: rollback });
  });
export type RunbookRollback = z.infer<typeof RunbookRollback>;

/**
 * When to stop instead of planning again for the same incident (documented in runbooks/README.md):
 * `max_steps` bounds the steps carried out over the incident's life, `alert_resolved` stops once
 * the alert resolved, `verification_failed` stops after a run whose verification failed.
 */
export const RunbookStopConditions = z.strictObject({
  max_steps: z.number().int().min(1).optional(),
  alert_resolved: z.boolean().optional(),
  verification_failed: z.boolean().optional(),
});
export type RunbookStopConditions = z.infer<typeof RunbookStopConditions>;

/** How success is recognised after the change: the signal to wait for, and for how long. */
export const RunbookVerification = z.strictObject({
  signal: z.enum(["deploy-success", "alert-resolved", "ci-success"]),
  within: Duration,
});
export type RunbookVerification = z.infer<typeof RunbookVerification>;
