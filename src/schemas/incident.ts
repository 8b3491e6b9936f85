import { z } from "zod";
import { RepoRef, Signal, SignalKind } from "./signal.js";

/** `inc-` + 12 hex characters of a SHA-256 over the incident's identifying facts. */
export const IncidentId = z.string().regex(/^inc-[0-9a-f]{12}$/, "inc- followed by 12 hex characters");
export type IncidentId = z.infer<typeof IncidentId>;

export const IncidentStatus = z.enum(["open", "mitigating", "verifying", "resolved", "abandoned"]);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const Severity = z.enum(["critical", "high", "medium", "low"]);
export type Severity = z.infer<typeof Severity>;

/** The facts an incident is keyed on; the fingerprint is derived from these and nothing else. */
export const IncidentKey = z.strictObject({
  repo: RepoRef,
  kind: SignalKind,
  environment: z.string().nullable(),
  workflow: z.string().nullable(),
  sha: z.string().nullable(),
  /** alert group key, when the incident comes from alerts */
  group: z.string().nullable(),
});
export type IncidentKey = z.infer<typeof IncidentKey>;

export const Incident = z.strictObject({
  id: IncidentId,
  key: IncidentKey,
  title: z.string().min(1),
  severity: Severity,
  status: IncidentStatus,
  openedAt: z.iso.datetime(),
  signals: z.array(Signal).min(1),
});
export type Incident = z.infer<typeof Incident>;
