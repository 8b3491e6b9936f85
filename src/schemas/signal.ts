import { z } from "zod";

/** Where a signal came from: a GitHub webhook or an alerting system. */
export const SignalSource = z.enum(["github", "alertmanager", "grafana", "generic", "cli"]);
export type SignalSource = z.infer<typeof SignalSource>;

export const SignalKind = z.enum([
  "workflow_failed",
  "deployment_failed",
  "check_failed",
  "alert_firing",
  "alert_resolved",
  "command",
  "review",
  "pull_request_closed",
]);
export type SignalKind = z.infer<typeof SignalKind>;

export const RepoRef = z.strictObject({
  owner: z.string().min(1),
  name: z.string().min(1),
});
export type RepoRef = z.infer<typeof RepoRef>;

/**
 * Something the bot sensed, normalised from a webhook or alert payload.
 * Only facts: ids, names, SHAs, states. Free text from the payload never drives an action.
 */
export const Signal = z.strictObject({
  source: SignalSource,
  kind: SignalKind,
  /** delivery id for webhooks, group key for alerts: used to drop duplicate deliveries */
  deliveryId: z.string().min(1),
  receivedAt: z.iso.datetime(),
  /** when the failure happened at the source (run completed, status created); stable across redeliveries */
  occurredAt: z.iso.datetime({ offset: true }).nullable().default(null),
  repo: RepoRef,
  environment: z.string().min(1).nullable(),
  workflow: z.string().min(1).nullable(),
  /** the commit the failure is about */
  sha: z.string().regex(/^[0-9a-f]{40}$/, "a full 40-character commit SHA").nullable(),
  ref: z.string().nullable(),
  /** run, deployment, check suite or alert group id at the source */
  subjectId: z.string().nullable(),
  url: z.url().nullable(),
  labels: z.record(z.string(), z.string()).default({}),
});
export type Signal = z.infer<typeof Signal>;
