import { expect } from "@jest/globals";
import type { PlannedAction, RepoFiles } from "../../../src/core/plan/actions/action-module.js";
import { planAction, type PlanActionResult } from "../../../src/core/plan/actions/action-catalog.js";
import type { ActionKind } from "../../../src/schemas/action-proposal.js";

export type Planned = Extract<PlannedAction, { kind: "planned" }>;

/** Repository files from a record; reads are recorded so tests can see what a plan looked at. */
export const repoFiles = (files: Record<string, string>): RepoFiles & { reads: string[] } => {
  const reads: string[] = [];
  return {
    reads,
    read: async (path) => {
      reads.push(path);
      return files[path] ?? null;
    },
  };
};

export const expectPlanned = (result: PlanActionResult): Planned => {
  if (result.kind !== "planned") throw new Error(`expected a planned action, got ${JSON.stringify(result)}`);
  return result;
};

export const expectNotApplicable = (result: PlanActionResult): string => {
  if (result.kind !== "not-applicable") throw new Error(`expected not-applicable, got ${JSON.stringify(result)}`);
  return result.reason;
};

/** `text` with `before` (which must occur exactly once) replaced by `after`: the expected result of a one-scalar edit. */
export const edited = (text: string, before: string, after: string): string => {
  expect(text.split(before)).toHaveLength(2);
  return text.replace(before, after);
};

/** The single file a planned action writes. */
export const contentOf = (planned: Planned): string => {
  expect(planned.changes).toHaveLength(1);
  const [change] = planned.changes;
  if (!change || change.content === null) throw new Error("expected a file change with content");
  return change.content;
};

/**
 * Plans an action on `files`, then plans its inverse on the result, and returns both texts:
 * the inverse must give back the original byte for byte.
 */
export const roundTrip = async (kind: ActionKind, params: unknown, files: Record<string, string>): Promise<{ after: string; back: string }> => {
  const forward = expectPlanned(await planAction(kind, params, repoFiles(files)));
  const after = contentOf(forward);
  const path = forward.changes[0]?.path ?? "";
  const { inverse } = forward;
  if (inverse.action === null) throw new Error(`expected a catalogued inverse, got words: ${inverse.description}`);
  expect(inverse.action).toBe(kind);
  const backward = expectPlanned(await planAction(inverse.action, inverse.params, repoFiles({ ...files, [path]: after })));
  return { after, back: contentOf(backward) };
};
