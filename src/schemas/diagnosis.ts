import { z } from "zod";
import { Evidence } from "./evidence.js";
import { SuspectRange } from "./suspect-range.js";

export const CauseClass = z.enum([
  "compilation",
  "test-failure",
  "lint",
  "dependency",
  "network",
  "timeout",
  "resources",
  "permission",
  "configuration",
  "deploy-health",
  "flaky",
  "unknown",
]);
export type CauseClass = z.infer<typeof CauseClass>;

export const Hypothesis = z.strictObject({
  cause: CauseClass,
  summary: z.string().min(1),
  confidence: z.number().min(0).max(1),
});
export type Hypothesis = z.infer<typeof Hypothesis>;

export const SuspectCommit = z.strictObject({
  sha: z.string().regex(/^[0-9a-f]{40}$/),
  subject: z.string(),
  author: z.string(),
  score: z.number().min(0),
  reasons: z.array(z.string()),
});
export type SuspectCommit = z.infer<typeof SuspectCommit>;

export const Diagnosis = z.strictObject({
  cause: CauseClass,
  confidence: z.number().min(0).max(1),
  summary: z.string().min(1),
  hypotheses: z.array(Hypothesis),
  evidence: z.array(Evidence),
  suspects: z.array(SuspectCommit),
  /** the commits `suspects` were ranked from; null when none were looked at (e.g. a rollback lists its range itself) */
  suspectRange: SuspectRange.nullable().default(null),
  runbookId: z.string().nullable(),
  /** how the diagnosis was produced: deterministic rules only, or also ranked by an LLM */
  method: z.enum(["deterministic", "llm-ranked"]),
  /** set when an LLM was configured but failed and the deterministic result stands */
  llmNote: z.string().nullable(),
  /** similar past incidents and bot pull requests found in the repository's history */
  related: z.array(z.strictObject({ id: z.string(), title: z.string(), url: z.string().nullable(), why: z.string() })).default([]),
  /** owners of the affected service, from the service catalog */
  owners: z.array(z.string()).default([]),
  /** LLM tokens spent on this diagnosis (0 without an LLM) */
  tokens: z.strictObject({ in: z.number().int().min(0), out: z.number().int().min(0) }).default({ in: 0, out: 0 }),
});
export type Diagnosis = z.infer<typeof Diagnosis>;
