import { z } from "zod";
import { ActionKind, FileChange, Quantity, Risk } from "./action-proposal.js";
import { CpuQuantity, MemoryQuantity } from "./k8s-quantity.js";
import { Verdict } from "./policy-decision.js";
import { Mode } from "./mode.js";
import { SignalKind } from "./signal.js";

/** A number an inline test's proposal moves; memory and CPU may be written as Kubernetes quantities. */
export const TestQuantity = z.strictObject({
  name: Quantity.shape.name,
  target: z.string().min(1).default("k8s/deployment.yaml#Deployment/app"),
  from: z.union([MemoryQuantity, CpuQuantity]).nullable(),
  to: z.union([MemoryQuantity, CpuQuantity]),
});
export type TestQuantity = z.infer<typeof TestQuantity>;

/** The part of a proposal a test states; the rest is filled with harmless defaults. */
export const TestProposal = z.strictObject({
  action: ActionKind,
  risk: Risk.default("low"),
  runbook: z.string().min(1).nullable().default(null),
  /** the paths the change touches, or full changes */
  changes: z.array(z.union([z.string().min(1), z.strictObject({ path: z.string().min(1), change: FileChange.shape.change.default("modify") })])).default([]),
  quantities: z.array(TestQuantity).default([]),
});
export type TestProposal = z.infer<typeof TestProposal>;

/** The facts a test states (snake_case as in the policy file); the rest defaults to a quiet Monday noon. */
export const TestFacts = z.strictObject({
  repo: z.string().regex(/^[^/\s]+\/[^/\s]+$/, "owner/name").default("acme/api"),
  environment: z.string().min(1).nullable().default("production"),
  mode: Mode.default("assist"),
  now: z.iso.datetime({ offset: true }).default("2026-01-05T12:00:00Z"),
  labels: z.array(z.string().min(1)).default([]),
  kill_switch: z.boolean().default(false),
  steps_taken: z.number().int().nonnegative().default(0),
  recent_actions: z.number().int().nonnegative().default(0),
  /** files the failing range changed; null when the incident has no range */
  range_files: z.array(z.string().min(1)).nullable().default(null),
  signal: SignalKind.nullable().default("workflow_failed"),
});
export type TestFacts = z.infer<typeof TestFacts>;

/** `rules` names rules by id (without the hash): a list that must have applied, or id → verdict. */
export const TestExpectation = z.strictObject({
  verdict: Verdict,
  rules: z.union([z.array(z.string().min(1)), z.record(z.string().min(1), Verdict)]).optional(),
  /** the approvals required */
  approvals: z.number().int().nonnegative().optional(),
  /** whether the decision grants automerge */
  automerge: z.boolean().optional(),
});
export type TestExpectation = z.infer<typeof TestExpectation>;

/** An executable example next to the rules: this proposal, these facts, this decision. */
export const PolicyTest = z.strictObject({
  name: z.string().min(1),
  proposal: TestProposal,
  facts: TestFacts.default(TestFacts.parse({})),
  expect: TestExpectation,
});
export type PolicyTest = z.infer<typeof PolicyTest>;
