import { z } from "zod";
import { ActionKind } from "./action-proposal.js";
import { Alert } from "./alert.js";
import { IncidentId } from "./incident.js";
import { RunbookFacts } from "./runbook-facts.js";

/** An alert as examples write it: only name and labels are needed, the rest has plain defaults. */
const ExampleAlert = Alert.extend({
  status: Alert.shape.status.default("firing"),
  fingerprint: z.string().min(1).default("example"),
  labels: Alert.shape.labels.default({}),
  annotations: Alert.shape.annotations.default({}),
  startsAt: Alert.shape.startsAt.default("2024-01-01T00:00:00Z"),
  endsAt: Alert.shape.endsAt.default(null),
  generatorURL: Alert.shape.generatorURL.default(null),
  value: Alert.shape.value.default(null),
});

export const ExampleFacts = RunbookFacts.extend({
  incident_id: IncidentId.default("inc-000000000000"),
  alert: ExampleAlert.nullable().default(null),
});

const ExpectedFile = z.union([z.string(), z.strictObject({ contains: z.union([z.string(), z.array(z.string()).min(1)]) })], {
  error: "expected the file's full text, or { contains: text }",
});

export const RunbookExpectation = z
  .strictObject({
    /** whether a trigger matches the facts */
    matches: z.boolean(),
    /** the plan is skipped, with a reason containing this text */
    skipped: z.string().min(1).optional(),
    /** parameters the plan fills (a subset; unlisted ones are not compared) */
    params: z.record(z.string(), z.unknown()).optional(),
    /** the proposed steps, in order, each with a subset of its parameters */
    steps: z.array(z.strictObject({ action: ActionKind, params: z.record(z.string(), z.unknown()).default({}) })).optional(),
    /** files after the proposed changes: the full text, or text it contains */
    files: z.record(z.string(), ExpectedFile).optional(),
  })
  .superRefine((expect, ctx) => {
    const planned = (["params", "steps", "files"] as const).filter((k) => expect[k] !== undefined);
    const refusal = !expect.matches ? "matches: false" : expect.skipped !== undefined ? "skipped" : null;
    for (const key of refusal ? planned : []) {
      ctx.addIssue({ code: "custom", path: [key], message: `"${key}" describes a plan, but ${refusal} means nothing is planned`, input: expect[key] });
    }
  });
export type RunbookExpectation = z.infer<typeof RunbookExpectation>;

/** A worked case: the facts of an incident, the repository's files, and what the runbook does. */
export const RunbookExample = z.strictObject({
  name: z.string().min(1),
  facts: ExampleFacts,
  /** the example repository: path → text */
  files: z.record(z.string(), z.string()).default({}),
  expect: RunbookExpectation,
});
export type RunbookExample = z.infer<typeof RunbookExample>;
