import type { z } from "zod";
import { closestMatch, didYouMean } from "./closest-match.js";
import { objectKeys, pickUnionOption, schemaAt, unionOptions, valueAt } from "./schema-navigation.js";

/** One problem in a document, before it is located in the YAML source. */
export interface SchemaProblem {
  path: Array<string | number>;
  message: string;
  /** Point at the key itself (unknown or missing keys) rather than at its value. */
  at: "key" | "value";
}

type Issue = z.core.$ZodIssue;
/** `yaml`: the value came from YAML, where quoting turns a number or boolean back into text. */
type Context = { root: z.core.$ZodType; raw: unknown; yaml: boolean };

const MAX_LISTED = 12;

const describeValue = (value: unknown): string => {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null (an empty value)";
  if (typeof value === "object") return "a map";
  return String(value);
};

/** YAML reads `000000`, `1.10` or `yes`-like words as numbers and booleans; quoting keeps text. */
const got = (value: unknown, wantsText = false): string => {
  const scalar = typeof value === "number" || typeof value === "boolean";
  const quoteHint = wantsText && scalar ? "; quote it in YAML to keep it as text" : "";
  return ` (got ${describeValue(value)}${quoteHint})`;
};

const listValues = (values: readonly unknown[]): string => {
  const shown = values.slice(0, MAX_LISTED).map(String).join(", ");
  return values.length > MAX_LISTED ? `${shown}, … (${values.length} in all)` : shown;
};

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a map",
  array: "a list",
};

/** zod's own messages start like this; anything else was written for users in our schemas. */
const isDefaultMessage = (message: string): boolean => /^(Invalid|Too (big|small)|Unrecognized)/.test(message);

const sizeMessage = (issue: Issue & { code: "too_small" | "too_big" }): string => {
  const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
  const word = issue.code === "too_small" ? "at least" : "at most";
  if (issue.origin === "array") return `expected ${word} ${String(bound)} item${Number(bound) === 1 ? "" : "s"}`;
  if (issue.origin === "string") return Number(bound) === 1 && issue.code === "too_small" ? "expected a non-empty string" : `expected ${word} ${String(bound)} characters`;
  return `expected a number ${issue.code === "too_small" ? ">=" : "<="} ${String(bound)}`;
};

const unknownKeys = (issue: Issue & { code: "unrecognized_keys" }, ctx: Context): SchemaProblem[] => {
  const allowed = objectKeys(schemaAt(ctx.root, ctx.raw, issue.path) ?? ({} as z.core.$ZodType)) ?? [];
  return issue.keys.map((key) => {
    const suggestion = didYouMean(key, allowed);
    const message = suggestion || allowed.length === 0 ? `unknown key "${key}"${suggestion}` : `unknown key "${key}"; allowed keys: ${allowed.join(", ")}`;
    return { path: [...(issue.path as Array<string | number>), key], message, at: "key" };
  });
};

/** A union failed: report the errors of the branch the user meant, or say what was expected. */
const unionProblems = (issue: Issue & { code: "invalid_union" }, ctx: Context): SchemaProblem[] => {
  const path = issue.path as Array<string | number>;
  const value = valueAt(ctx.raw, path);
  // a discriminated union names its discriminator's values instead of trying each branch
  const tags = (issue as { options?: unknown }).options;
  if (issue.errors.length === 0 && Array.isArray(tags) && tags.length > 0) {
    const suggestion = typeof value === "string" ? didYouMean(value, tags.map(String)) : "";
    return [{ path, message: `expected one of ${listValues(tags)}${got(value)}${suggestion}`, at: "value" }];
  }
  const options = unionOptions(schemaAt(ctx.root, ctx.raw, path) ?? ({} as z.core.$ZodType)) ?? [];
  const picked = pickUnionOption(options, value);
  const branch = issue.errors[picked];
  if (picked >= 0 && branch) {
    return branch.flatMap((inner) => formatZodIssue({ ...inner, path: [...path, ...inner.path] } as Issue, ctx));
  }
  const literals = issue.errors.flatMap((branch) => branch.flatMap((i) => (i.code === "invalid_value" ? i.values : [])));
  if (isDefaultMessage(issue.message) && literals.length === issue.errors.length) {
    return [{ path, message: `expected one of ${listValues(literals)}${got(value)}`, at: "value" }];
  }
  const keys = value !== null && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : [];
  const allKeys = options.flatMap((o) => objectKeys(o) ?? []);
  const typo = keys.map((k) => closestMatch(k, allKeys)).find((m) => m !== undefined);
  const hint = typo ? `; did you mean "${typo}"?` : "";
  const gotText = keys.length > 0 ? ` (got a map with keys ${keys.join(", ")}${hint})` : got(value);
  return [{ path, message: `${issue.message}${gotText}`, at: "value" }];
};

const valueMessage = (issue: Issue, value: unknown, yaml: boolean): string => {
  const custom = !isDefaultMessage(issue.message);
  switch (issue.code) {
    case "invalid_type": {
      const wantsText = yaml && issue.expected === "string";
      return `${custom ? issue.message : `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`}${got(value, wantsText)}`;
    }
    case "invalid_value": {
      const suggestion = typeof value === "string" ? didYouMean(value, issue.values.map(String)) : "";
      const wantsText = yaml && issue.values.every((v) => typeof v === "string");
      return `${custom ? issue.message : `expected one of ${listValues(issue.values)}`}${got(value, wantsText)}${suggestion}`;
    }
    case "invalid_format":
      return `${custom ? issue.message : `expected a ${issue.format} string`}${got(value)}`;
    case "too_small":
    case "too_big":
      return `${custom ? issue.message : sizeMessage(issue)}${got(value)}`;
    case "custom":
      return typeof value === "string" && !issue.message.includes("(got") ? `${issue.message}${got(value)}` : issue.message;
    default:
      return issue.message;
  }
};

export const formatZodIssue = (issue: Issue, ctx: Context): SchemaProblem[] => {
  const path = issue.path as Array<string | number>;
  if (issue.code === "unrecognized_keys") return unknownKeys(issue, ctx);
  if (issue.code === "invalid_union") return unionProblems(issue, ctx);
  if (issue.code === "invalid_key") {
    const inner = issue.issues[0];
    return [{ path, message: `invalid key: ${inner ? valueMessage(inner as Issue, path.at(-1), ctx.yaml) : issue.message}`, at: "key" }];
  }
  const value = valueAt(ctx.raw, path);
  if (issue.code === "invalid_type" && value === undefined) {
    return [{ path, message: `missing required key "${String(path.at(-1))}"`, at: "key" }];
  }
  return [{ path, message: valueMessage(issue, value, ctx.yaml), at: "value" }];
};

/** Turns zod's issues into user-facing problems; `raw` is the value that was validated (YAML unless told otherwise). */
export const formatZodIssues = (issues: readonly Issue[], root: z.core.$ZodType, raw: unknown, options: { yaml?: boolean } = {}): SchemaProblem[] =>
  issues.flatMap((issue) => formatZodIssue(issue, { root, raw, yaml: options.yaml ?? true }));
