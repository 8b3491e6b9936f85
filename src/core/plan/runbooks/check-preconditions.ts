import { durationMs } from "../../../schemas/duration.js";
import type { RunbookFacts } from "../../../schemas/runbook-facts.js";
import type { RunbookPrecondition } from "../../../schemas/runbook-precondition.js";
import { timeWindowContains } from "../../model/time-window-contains.js";
import type { RepoFiles } from "../actions/action-module.js";
import { renderTemplate, templatePaths, type TemplateScope } from "./render-template.js";
import { hasYamlKey, parseKeyPath } from "./yaml-key-path.js";

export type PreconditionResult = { kind: "passed" } | { kind: "failed"; reason: string } | { kind: "invalid"; problems: string[] };
type Outcome = PreconditionResult | { kind: "value"; value: string };

const PASSED: PreconditionResult = { kind: "passed" };
const failed = (reason: string): PreconditionResult => ({ kind: "failed", reason });

/** A template as text: a missing fact fails the check, a broken template makes the runbook invalid. */
const text = (template: string, scope: TemplateScope): Outcome => {
  const rendered = renderTemplate(template, scope);
  if (!rendered.ok) return rendered.error.kind === "missing" ? failed(rendered.error.message) : { kind: "invalid", problems: [rendered.error.message] };
  return typeof rendered.value === "string" || typeof rendered.value === "number" ? { kind: "value", value: String(rendered.value) } : { kind: "invalid", problems: [`${template} is not text`] };
};

const keyExists = async (check: { file: string; path: string }, scope: TemplateScope, files: RepoFiles): Promise<PreconditionResult> => {
  const file = text(check.file, scope);
  if (file.kind !== "value") return file;
  const path = text(check.path, scope);
  if (path.kind !== "value") return path;
  const segments = parseKeyPath(path.value);
  if (segments instanceof Error) return { kind: "invalid", problems: [segments.message] };
  const content = await files.read(file.value);
  if (content === null) return failed(`${file.value} does not exist`);
  return hasYamlKey(content, segments) ? PASSED : failed(`${file.value} has no value at ${path.value}`);
};

const valueWithin = (check: { value: string; min?: number; max?: number }, scope: TemplateScope): PreconditionResult => {
  const rendered = text(check.value, scope);
  if (rendered.kind !== "value") return rendered;
  const value = Number(rendered.value.trim());
  if (rendered.value.trim() === "" || !Number.isFinite(value)) return failed(`${check.value} is ${JSON.stringify(rendered.value)}, not a number`);
  if (check.min !== undefined && value < check.min) return failed(`${check.value} is ${value}, below ${check.min}`);
  if (check.max !== undefined && value > check.max) return failed(`${check.value} is ${value}, above ${check.max}`);
  return PASSED;
};

const deployedWithin = (within: string, facts: RunbookFacts): PreconditionResult => {
  if (facts.deployed_at === null) return failed("the time of the last deploy is unknown");
  const minutesAgo = Math.round((Date.parse(facts.now) - Date.parse(facts.deployed_at)) / 60_000);
  return Date.parse(facts.now) - Date.parse(facts.deployed_at) <= durationMs(within) ? PASSED : failed(`the last deploy was ${minutesAgo}m ago, longer than ${within}`);
};

const checkOne = async (check: RunbookPrecondition, scope: TemplateScope, files: RepoFiles): Promise<PreconditionResult> => {
  const facts = scope.facts as RunbookFacts;
  if ("last_good_exists" in check) return facts.last_good !== null ? PASSED : failed("no last good commit is known");
  if ("file_exists" in check) {
    const path = text(check.file_exists.path, scope);
    if (path.kind !== "value") return path;
    return (await files.read(path.value)) !== null ? PASSED : failed(`${path.value} does not exist`);
  }
  if ("key_exists" in check) return keyExists(check.key_exists, scope, files);
  if ("value_within" in check) return valueWithin(check.value_within, scope);
  if ("deployed_within" in check) return deployedWithin(check.deployed_within, facts);
  const inside = check.outside_windows.windows.find((w) => timeWindowContains(w, new Date(facts.now)));
  return inside ? failed(`now (${facts.now}) is inside the window "${inside.name}"`) : PASSED;
};

/** Whether a check names parameters, so it can only run once they are filled. */
export const usesParameters = (check: RunbookPrecondition): boolean => templatePaths(check).some((path) => path[0] === "params");

/**
 * Runs the checks in order and stops at the first that does not hold. `indexes` are the checks'
 * positions in the runbook, so reasons name them (`preconditions[1] file_exists: …`).
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
