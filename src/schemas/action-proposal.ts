import { z } from "zod";
import { IncidentId } from "./incident.js";

export const ActionKind = z.enum([
  "revert-commits",
  "set-image-tag",
  "scale-replicas",
  "set-resources",
  "set-yaml-value",
  "rerun-failed-jobs",
  "open-incident-issue",
  "comment",
]);
export type ActionKind = z.infer<typeof ActionKind>;

export const Risk = z.enum(["low", "medium", "high"]);
export type Risk = z.infer<typeof Risk>;

export const FileChange = z.strictObject({
  path: z.string().min(1),
  /** `revert`: the file goes back to an earlier commit's version (content known only after git ran) */
  change: z.enum(["modify", "add", "delete", "revert"]),
  /** new content when known; null for deletions and reverts */
  content: z.string().nullable(),
  previous: z.string().nullable(),
});
export type FileChange = z.infer<typeof FileChange>;

/**
 * A number the action changes, so policies can bound it without re-reading the diff:
 * `replicas` 3 → 5 on `k8s/deployment.yaml#Deployment/shop`.
 */
export const Quantity = z.strictObject({
  name: z.enum(["replicas", "hpa.minReplicas", "hpa.maxReplicas", "cpu.request", "cpu.limit", "memory.request", "memory.limit"]),
  /** the file and object the number lives in, e.g. `k8s/deployment.yaml#Deployment/shop/container/web` */
  target: z.string().min(1),
  /** replicas as counts, cpu in millicores, memory in bytes; null when the value was not set */
  from: z.number().nullable(),
  to: z.number(),
});
export type Quantity = z.infer<typeof Quantity>;

/** A concrete, reviewable change the bot proposes; the gate judges exactly this. */
export const ActionProposal = z.strictObject({
  incidentId: IncidentId,
  action: ActionKind,
  runbookId: z.string().nullable(),
  risk: Risk,
  params: z.record(z.string(), z.unknown()),
  /** file edits for PR-based actions; empty for API-only actions */
  changes: z.array(FileChange),
  /** numbers the change moves, for bounds in policies; absent or empty when none */
  quantities: z.array(Quantity).optional(),
  /** an API call instead of a file change (rerun-failed-jobs, comment, open-incident-issue) */
  call: z.strictObject({ kind: z.enum(["rerun-failed-jobs", "comment", "open-incident-issue"]), target: z.string().min(1) }).optional(),
  /** one sentence per change, in words, for the PR body */
  description: z.array(z.string()),
  /** how to undo the action, in words */
  inverse: z.string().min(1),
});
export type ActionProposal = z.infer<typeof ActionProposal>;
