import { z } from "zod";
import { Mode } from "./mode.js";
import { SignalKind } from "./signal.js";

/**
 * What the gate knows besides the proposal, gathered before it runs: the same facts always give
 * the same decision.
 */
export const PolicyFacts = z.strictObject({
  /** `owner/name` */
  repo: z.string().regex(/^[^/\s]+\/[^/\s]+$/, "owner/name"),
  /** the environment the incident is about; null for a branch or CI failure */
  environment: z.string().min(1).nullable(),
  /** the repository's mode with the runbook's override applied */
  mode: Mode,
  now: z.date(),
  /** labels on the incident's issue or pull request (and any other open item, for the kill switch) */
  labels: z.array(z.string()),
  /** `kill_switch: true` in the repository's config */
  killSwitch: z.boolean(),
  /** actions the bot already took for this incident */
  stepsTaken: z.number().int().nonnegative(),
  /** actions the bot took in this repository in the last hour */
  recentActions: z.number().int().nonnegative(),
  /** files the failing range changed (renames under both names); null when there is no range */
  rangeFiles: z.array(z.string()).nullable(),
  signal: SignalKind.nullable(),
});
export type PolicyFacts = z.infer<typeof PolicyFacts>;
