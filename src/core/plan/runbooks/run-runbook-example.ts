import { ACTION_CATALOG } from "../actions/action-catalog.js";
import { isDeepStrictEqual } from "node:util";
import type { ActionProposal } from "../../../schemas/action-proposal.js";
import type { Runbook } from "../../../schemas/runbook.js";
import type { RunbookExample, RunbookExpectation } from "../../../schemas/runbook-example.js";
import type { ActionCatalog } from "./action-catalog-type.js";
import { matchRunbooks } from "./match-runbooks.js";
import { planRunbook, type RunbookPlan } from "./plan-runbook.js";

export interface ExampleResult {
  runbookId: string;
  example: string;
  /** empty when the example holds */
  failures: string[];
}

const show = (value: unknown): string => JSON.stringify(value);

const subsetFailures = (what: string, expected: Record<string, unknown>, actual: Record<string, unknown>): string[] =>
  Object.entries(expected)
    .filter(([key, value]) => !isDeepStrictEqual(actual[key], value))
    .map(([key, value]) => `${what}.${key}: expected ${show(value)}, got ${actual[key] === undefined ? "nothing" : show(actual[key])}`);

const stepFailures = (expected: NonNullable<RunbookExpectation["steps"]>, proposals: readonly ActionProposal[]): string[] => {
  if (expected.length !== proposals.length) return [`expected ${expected.length} step(s) (${expected.map((s) => s.action).join(", ")}), got ${proposals.length} (${proposals.map((p) => p.action).join(", ")})`];
  return expected.flatMap((step, i) => {
    const proposal = proposals[i] as ActionProposal;
    if (proposal.action !== step.action) return [`steps[${i}]: expected action ${step.action}, got ${proposal.action}`];
    return subsetFailures(`steps[${i}].params`, step.params, proposal.params);
  });
};

/** The repository after every proposed change, in order; reverted files keep their text (unknown before git runs). */
const filesAfter = (files: Record<string, string>, proposals: readonly ActionProposal[]): Record<string, string | null> => {
  const out: Record<string, string | null> = { ...files };
  for (const change of proposals.flatMap((p) => p.changes)) if (change.change !== "revert") out[change.path] = change.content;
  return out;
};

const fileFailures = (expected: NonNullable<RunbookExpectation["files"]>, actual: Record<string, string | null>): string[] =>
  Object.entries(expected).flatMap(([path, want]) => {
    const text = actual[path];
    if (text === null || text === undefined) return [`files.${path}: the file does not exist after the change`];
    if (typeof want === "string") return text === want ? [] : [`files.${path}: expected the text\n${want}\ngot\n${text}`];
    const missing = (Array.isArray(want.contains) ? want.contains : [want.contains]).filter((part) => !text.includes(part));
    return missing.map((part) => `files.${path}: expected it to contain ${show(part)}, got\n${text}`);
  });

const planFailures = (expect: RunbookExpectation, plan: RunbookPlan, files: Record<string, string>): string[] => {
  if (!expect.matches || expect.skipped !== undefined) {
    if (plan.kind !== "skipped") return [`expected the plan to be skipped, got ${plan.kind}${plan.kind === "invalid" ? `: ${plan.problems.join("; ")}` : ""}`];
    return expect.skipped === undefined || plan.reason.includes(expect.skipped) ? [] : [`expected the skip reason to contain ${show(expect.skipped)}, got ${show(plan.reason)}`];
  }
  if (plan.kind === "skipped") return [`expected a plan, but it was skipped: ${plan.reason}`];
  if (plan.kind === "invalid") return [`expected a plan, but it is invalid: ${plan.problems.join("; ")}`];
  return [
    ...subsetFailures("params", expect.params ?? {}, plan.params),
    ...(expect.steps ? stepFailures(expect.steps, plan.proposals) : []),
    ...(expect.files ? fileFailures(expect.files, filesAfter(files, plan.proposals)) : []),
  ];
};

/** Runs one example against the catalog: does it match, and is the plan what the example says. */
export const runRunbookExample = async (runbook: Runbook, example: RunbookExample, catalog: ActionCatalog = ACTION_CATALOG): Promise<ExampleResult> => {
  const [match] = matchRunbooks([runbook], example.facts);
  const failures: string[] = [];
  if (match?.matches !== example.expect.matches) {
    failures.push(`expected matches: ${example.expect.matches}, got ${String(match?.matches)} (${match?.reasons.join("; ") ?? ""})`);
  }
  const files = example.files;
  const plan = await planRunbook(runbook, example.facts, { read: async (path) => (Object.hasOwn(files, path) ? (files[path] ?? null) : null) }, catalog);
  failures.push(...planFailures(example.expect, plan, files));
  return { runbookId: runbook.id, example: example.name, failures };
};

/** Every example of a runbook, in order. */
export const runRunbookExamples = async (runbook: Runbook, catalog: ActionCatalog = ACTION_CATALOG): Promise<ExampleResult[]> =>
  Promise.all(runbook.examples.map((example) => runRunbookExample(runbook, example, catalog)));
