import { z } from "zod";
import { IncidentId } from "./incident.js";

/** What finally happened to an incident; the evaluation metrics are computed from these. */
export const Outcome = z.strictObject({
  incidentId: IncidentId,
  result: z.enum([
    "pr-opened",
    "issue-opened",
    "commented",
    "merged",
    "recovered",
    "not-recovered",
    "overridden",
    "denied",
    "skipped",
  ]),
  detectedAt: z.iso.datetime(),
  actedAt: z.iso.datetime().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  pullRequest: z.number().int().positive().nullable(),
  issue: z.number().int().positive().nullable(),
  note: z.string().nullable(),
});
export type Outcome = z.infer<typeof Outcome>;
