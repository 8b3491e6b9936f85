import { durationMs } from "../../../schemas/duration.js";
import type { RunbookFacts } from "../../../schemas/runbook-facts.js";
import type { RunbookPrecondition } from "../../../schemas/runbook-precondition.js";
import { windowContains } from "../../gate/time-window-contains.js";
import type { RepoFiles } from "../actions/action-module.js";
import { fileExists, keyExists, keyWithin } from "./check-file-preconditions.js";
import { failed, PASSED, renderForCheck, withinBounds, type PreconditionResult } from "./precondition-result.js";
import { templatePaths, type TemplateScope } from "./render-template.js";

export type { PreconditionResult } from "./precondition-result.js";

const deployedWithin = (within: string, facts: RunbookFacts): PreconditionResult => {
  if (facts.deployed_at === null) return failed("the time of the last deploy is unknown");
  const elapsed = Date.parse(facts.now) - Date.parse(facts.deployed_at);
  return elapsed <= durationMs(within) ? PASSED : failed(`the last deploy was ${Math.round(elapsed / 60_000)}m ago, longer than ${within}`);
};

const nonEmpty = (template: string, scope: TemplateScope): PreconditionResult => {
  const rendered = renderForCheck(template, scope);
  if (rendered.kind !== "value") return rendered;
  const { value } = rendered;
  const empty = (Array.isArray(value) || typeof value === "string") && value.length === 0;
  return empty ? failed(`${template} is empty`) : PASSED;
};

const valueWithin = (check: { value: string; min?: number | undefined; max?: number | undefined }, scope: TemplateScope): PreconditionResult => {
  const rendered = renderForCheck(check.value, scope);
  return rendered.kind === "value" ? withinBounds(check.value, rendered.value, check) : rendered;
};

const checkOne = async (check: RunbookPrecondition, scope: TemplateScope, files: RepoFiles): Promise<PreconditionResult> => {
  const facts = scope.facts as RunbookFacts;
  if ("last_good_exists" in check) return facts.last_good !== null ? PASSED : failed("no last good commit is known");
  if ("file_exists" in check) return fileExists(check.file_exists.path, scope, files);
  if ("key_exists" in check) return keyExists(check.key_exists, scope, files);
  if ("key_within" in check) return keyWithin(check.key_within, scope, files);
  if ("value_within" in check) return valueWithin(check.value_within, scope);
  if ("non_empty" in check) return nonEmpty(check.non_empty, scope);
  if ("deployed_within" in check) return deployedWithin(check.deployed_within, facts);
  const inside = check.outside_windows.windows.find((w) => windowContains(w, new Date(facts.now)));
  return inside ? failed(`now (${facts.now}) is inside the window "${inside.name}"`) : PASSED;
};

/** Whether a check names parameters, so it can only run once they are filled. */
export const usesParameters = (check: RunbookPrecondition): boolean => templatePaths(check).some((path) => path[0] === "params");

/**
 * Runs the checks in order and stops at the first that does not hold. `index` is a check's
 * position in the runbook, so reasons name it (`preconditions[1] file_exists: …`).
 */
export const checkPreconditions = async (
  checks: ReadonlyArray<{ check: RunbookPrecondition; index: number }>,
  scope: TemplateScope,
  files: RepoFiles,
): Promise<PreconditionResult> => {
  for (const { check, index } of checks) {
    const result = await checkOne(check, scope, files);
    const where = `preconditions[${index}] ${Object.keys(check)[0] ?? ""}`;
    if (result.kind === "failed") return failed(`${where}: ${result.reason}`);
    if (result.kind === "invalid") return { kind: "invalid", problems: result.problems.map((p) => `${where}: ${p}`) };
  }
  return PASSED;
};
