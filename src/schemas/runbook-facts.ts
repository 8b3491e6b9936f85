import { z } from "zod";
import { Alert } from "./alert.js";
import { CauseClass } from "./diagnosis.js";
import { IncidentId } from "./incident.js";

/** The kinds of incident a runbook can be triggered by. */
export const RunbookSignal = z.enum(["deploy-failure", "ci-failure", "alert"]);
export type RunbookSignal = z.infer<typeof RunbookSignal>;

const Sha = z.string().regex(/^[0-9a-f]{40}$/, { error: "expected a full 40-character commit SHA" });

/** What earlier runs of one runbook did for the same incident; stop conditions read it. */
export const RunbookHistory = z.strictObject({
  /** steps already carried out for this incident by this runbook */
  steps_taken: z.number().int().min(0).default(0),
  /** how the last run's verification ended; null before any run was verified */
  last_verification: z.enum(["passed", "failed", "pending"]).nullable().default(null),
});
export type RunbookHistory = z.infer<typeof RunbookHistory>;

export const RunbookService = z.strictObject({
  name: z.string().min(1),
  /** files that define the service (manifests, values files), from the service catalog */
  files: z.array(z.string().min(1)).default([]),
  owners: z.array(z.string().min(1)).default([]),
});
export type RunbookService = z.infer<typeof RunbookService>;

/** A container image value the failing range changed, with the tag the last good version ran. */
export const RunbookImageChange = z.strictObject({
  file: z.string().min(1),
  /** the image repository, registry included: `ghcr.io/acme/shop` */
  image: z.string().min(1),
  /** tag at the last good commit */
  good: z.string().min(1),
  /** tag at the failing commit */
  bad: z.string().min(1),
});
export type RunbookImageChange = z.infer<typeof RunbookImageChange>;

/**
 * Everything a runbook may look at, gathered by sense and diagnose. Keys are snake_case because
 * runbook templates name them (`{{ facts.last_good }}`). Only facts: free text such as alert
 * annotations may be quoted into a comment but never chooses an action or a file.
 */
export const RunbookFacts = z.strictObject({
  incident_id: IncidentId,
  signal: RunbookSignal,
  workflow: z.string().min(1).nullable().default(null),
  environment: z.string().min(1).nullable().default(null),
  /** the diagnosis' cause class */
  cause: CauseClass.nullable().default(null),
  /** the last commit known to work (deployed or built successfully); null when none is known */
  last_good: Sha.nullable().default(null),
  /** the commit that failed */
  failing: Sha.nullable().default(null),
  /** commits after last_good up to failing, newest first (the order git reverts them in) */
  range_commits: z.array(Sha).default([]),
  /** files changed between last_good and failing */
  range_files: z.array(z.string().min(1)).default([]),
  /** image values changed between last_good and failing */
  image_changes: z.array(RunbookImageChange).default([]),
  /** the failed workflow run */
  run_id: z.number().int().positive().nullable().default(null),
  service: RunbookService.nullable().default(null),
  alert: Alert.nullable().default(null),
  /** when the failing version reached the environment; null when unknown */
  deployed_at: z.iso.datetime({ offset: true }).nullable().default(null),
  now: z.iso.datetime({ offset: true }),
  /** earlier runs for this incident, by runbook id */
  history: z.record(z.string(), RunbookHistory).default({}),
});
export type RunbookFacts = z.infer<typeof RunbookFacts>;
export type RunbookFactsInput = z.input<typeof RunbookFacts>;
