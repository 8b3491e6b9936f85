import type { z } from "zod";
import { Alert } from "../../../schemas/alert.js";
import type { JsonPath } from "../../../schemas/drill-template.js";
import { RunbookFacts } from "../../../schemas/runbook-facts.js";
import type { SchemaProblem } from "../../validate/format-zod-issue.js";
import { didYouMean } from "../../validate/closest-match.js";
import { objectKeys, schemaAt, unwrapSchema } from "../../validate/schema-navigation.js";
import { parseTemplate } from "./render-template.js";

export type TemplateRoot = "facts" | "alert" | "params";

const ROOT_SCHEMAS = { facts: RunbookFacts, alert: Alert } as const;

const isList = (schema: z.core.$ZodType): boolean => (unwrapSchema(schema)._zod.def as { type: string }).type === "array";

/** Why a named path cannot exist, or null. Alert labels and annotations are open maps. */
const pathProblem = (path: readonly string[], roots: readonly TemplateRoot[], params: readonly string[]): string | null => {
  const [root, ...rest] = path;
  const name = path.join(".");
  if (!roots.includes(root as TemplateRoot)) {
    const allowed = roots.map((r) => `${r}.`).join(", ");
    return root === "params" ? `{{ ${name} }}: parameters cannot come from other parameters; use facts. or alert.` : `{{ ${name} }}: unknown name "${root}"; templates here start with ${allowed}`;
  }
  if (root === "params") {
    if (rest.length === 0) return `{{ ${name} }}: name a parameter, like {{ params.${params[0] ?? "name"} }}`;
    if (!params.includes(rest[0] ?? "")) return `{{ ${name} }}: no parameter "${rest[0]}" is declared${didYouMean(rest[0] ?? "", params)}; declared: ${params.join(", ") || "none"}`;
    return rest.length > 1 ? `{{ ${name} }}: parameter "${rest[0]}" is a single value; it has no "${rest[1]}"` : null;
  }
  const schema = ROOT_SCHEMAS[root as "facts" | "alert"];
  for (let n = 1; n <= rest.length; n++) {
    const parent = schemaAt(schema, undefined, rest.slice(0, n - 1));
    if (parent && isList(parent) && !/^\d+$/.test(rest[n - 1] ?? "")) return `{{ ${name} }}: ${[root, ...rest.slice(0, n - 1)].join(".")} is a list; name an item by its number`;
    if (schemaAt(schema, undefined, rest.slice(0, n)) !== undefined) continue;
    const keys = parent ? (objectKeys(parent) ?? []) : [];
    const where = [root, ...rest.slice(0, n - 1)].join(".");
    const hint = keys.length > 0 ? `${didYouMean(rest[n - 1] ?? "", keys) || `; it has ${keys.join(", ")}`}` : "";
    return `{{ ${name} }}: ${where} has no "${rest[n - 1]}"${hint}`;
  }
  return null;
};

/** Problems of every template in `value` (found at `path` in the runbook). */
export const templateProblems = (value: unknown, path: JsonPath, roots: readonly TemplateRoot[], params: readonly string[]): SchemaProblem[] => {
  if (typeof value === "string") {
    const parsed = parseTemplate(value);
    if (!parsed.ok) return [{ path: [...path], message: parsed.message, at: "value" }];
    return parsed.paths.flatMap((p) => {
      const message = pathProblem(p, roots, params);
      return message ? [{ path: [...path], message, at: "value" as const }] : [];
    });
  }
  if (value === null || typeof value !== "object") return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => templateProblems(child, [...path, key], roots, params));
};
