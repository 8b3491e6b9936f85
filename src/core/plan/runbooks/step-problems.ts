import type { z } from "zod";
import type { JsonPath } from "../../../schemas/drill-template.js";
import type { RunbookStep } from "../../../schemas/runbook-step.js";
import { didYouMean } from "../../validate/closest-match.js";
import { formatZodIssues, type SchemaProblem } from "../../validate/format-zod-issue.js";
import type { ActionCatalog } from "./action-catalog-type.js";

/** Paths of the strings holding templates; their values are only known at plan time. */
const templatedPaths = (value: unknown, path: JsonPath = []): JsonPath[] => {
  if (typeof value === "string") return value.includes("{{") ? [path] : [];
  if (value === null || typeof value !== "object") return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => templatedPaths(child, [...path, key]));
};

const related = (a: JsonPath, b: JsonPath): boolean => {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n).every((seg, i) => seg === b[i]);
};

/**
 * A step's literal `with:` values checked against the action's parameter schema. Issues about a
 * templated value (or a map holding one) wait for plan time; unknown and missing keys never do.
 */
const withProblems = (step: RunbookStep, schema: z.ZodType, at: JsonPath): SchemaProblem[] => {
  const parsed = schema.safeParse(step.with);
  if (parsed.success) return [];
  const templated = templatedPaths(step.with);
  const kept = parsed.error.issues.filter((issue) => issue.code === "unrecognized_keys" || !templated.some((t) => related(t, issue.path as JsonPath)));
  return formatZodIssues(kept, schema, step.with).map((p) => ({ ...p, path: [...at, "with", ...p.path] }));
};

/** Unknown actions and `with:` values that cannot fit, for `steps` or `rollback.steps`. */
export const stepProblems = (steps: readonly RunbookStep[], section: JsonPath, catalog: ActionCatalog): SchemaProblem[] =>
  steps.flatMap((step, index) => {
    const at = [...section, index];
    const module = catalog[step.action];
    if (!module) {
      const known = Object.keys(catalog);
      return [{ path: [...at, "action"], message: `the action catalog has no "${step.action}"${didYouMean(step.action, known)}; it has ${known.join(", ")}`, at: "value" as const }];
    }
    return withProblems(step, module.params, at);
  });
