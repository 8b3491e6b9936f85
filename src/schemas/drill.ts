import { z } from "zod";
import { drillRuleViolations } from "./drill-consistency.js";
import { DrillEvent } from "./drill-event.js";
import { DrillExpect } from "./drill-expect.js";
import { DrillRepo } from "./drill-repo.js";
import { AlertRoutes } from "./alert-routes.js";
import { Policy } from "./policy.js";

/** Drill format versions this release reads; a drill without `version` is read as version 1. */
export const DRILL_VERSIONS = [1] as const;

/**
 * A drill: an incident replay played by `agenticops simulate` in the sandbox. A public,
 * documented format (docs/drills.md): changes are additive only, unknown keys are errors so
 * typos surface, and YAML keys are snake_case. Parse files with `parseDrill`/`loadDrill`
 * (src/sandbox/drill/load-drill.ts), which add file:line:column to every problem.
 */
export const Drill = z
  .strictObject({
    version: z.literal(DRILL_VERSIONS, {
      error: `unsupported drill version; this release reads version ${DRILL_VERSIONS.join(", ")}`,
    }).optional(),
    name: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
      error: 'expected a lowercase slug like "bad-deploy-rollback"',
    }),
    description: z.string().optional(),
    repo: DrillRepo,
    events: z.array(DrillEvent).min(1, { error: "expected at least one event" }),
    /** Scripted answers of the sandbox LLM, in the format of src/sandbox/llm/llm-script.ts. */
    llm: z.array(z.unknown()).default([]),
    /** Fault injection, validated by the sandbox's fault engine. */
    faults: z.record(z.string(), z.unknown()).default({}),
    /** Alert routing for `alert:` events, as in ALERTS_ROUTES_FILE; default: every alert to this drill's repository. */
    alert_routes: AlertRoutes.optional(),
    /** Organisation policies (the format of policies/*.yaml) added to the bundled ones for this drill. */
    policies: z.array(Policy).default([]),
    expect: DrillExpect.default({}),
  })
  .superRefine(
    (drill, ctx) => {
      for (const violation of drillRuleViolations(drill)) {
        ctx.addIssue({ code: "custom", path: [...violation.path], message: violation.message, input: undefined });
      }
    },
    // Cross-field rules run even when the structure has problems, so one run reports everything.
    { when: () => true },
  )
  .transform((drill) => ({
    ...drill,
    events: drill.events.map((event) =>
      "push" in event ? { push: { ...event.push, branch: event.push.branch ?? drill.repo.default_branch } } : event,
    ),
  }));
export type Drill = z.infer<typeof Drill>;
export type DrillInput = z.input<typeof Drill>;
