import type { JsonPath } from "../../../schemas/drill-template.js";

/**
 * The runbook template language: `{{ path }}` names a value (`params.max`, `facts.last_good`,
 * `alert.labels.deployment`); nothing else is allowed inside the braces, so no code runs. A
 * template that is the whole string keeps the value's type; inside text, only strings, numbers
 * and booleans are written. An absent or null value is an error, never an empty string.
 */
export type TemplateError = {
  /** `missing`: the incident lacks the value (skip the runbook); `invalid`: the runbook is wrong */
  kind: "missing" | "invalid";
  message: string;
};
export type Rendered = { ok: true; value: unknown } | { ok: false; error: TemplateError };
export type TemplateScope = Readonly<Record<string, unknown>>;

const TEMPLATE = /\{\{([^{}]*)\}\}/g;
const PATH = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.(?:[A-Za-z_][A-Za-z0-9_-]*|\d+))*$/;

export type ParsedTemplate = { ok: true; paths: string[][]; whole: boolean } | { ok: false; message: string };

/** The paths a text names, or why it is not a valid template. */
export const parseTemplate = (text: string): ParsedTemplate => {
  const paths: string[][] = [];
  for (const match of text.matchAll(TEMPLATE)) {
    const inner = (match[1] ?? "").trim();
    if (!PATH.test(inner)) return { ok: false, message: `"${match[0]}" is not a value name; templates name values like {{ params.max }}, with no expressions` };
    paths.push(inner.split("."));
  }
  const rest = text.replace(TEMPLATE, "");
  if (rest.includes("{{") || rest.includes("}}")) return { ok: false, message: `unbalanced "{{" or "}}" in "${text}"` };
  const whole = paths.length === 1 && text.trim().startsWith("{{") && rest.trim() === "";
  return { ok: true, paths, whole };
};

const fail = (kind: TemplateError["kind"], message: string): Rendered => ({ ok: false, error: { kind, message } });

const describe = (value: unknown): string =>
  Array.isArray(value) ? "a list" : value === null || value === undefined ? "empty" : typeof value === "object" ? "a map" : `${typeof value} ${JSON.stringify(value)}`;

/** The value at `path` in `scope`; own properties only, so nothing inherited is reachable. */
export const lookupPath = (scope: TemplateScope, path: readonly string[]): Rendered => {
  const [root] = path;
  if (root === undefined || !Object.hasOwn(scope, root)) {
    return fail("invalid", `unknown name "${root ?? ""}"; templates start with ${Object.keys(scope).map((k) => `${k}.`).join(", ")}`);
  }
  let value: unknown = scope;
  for (const [i, segment] of path.entries()) {
    const where = path.slice(0, i).join(".");
    if (value === null || value === undefined) return fail("missing", `${where} has no value`);
    if (typeof value !== "object") return fail("invalid", `${where} is ${describe(value)}; it has no "${segment}"`);
    if (Array.isArray(value) && !/^\d+$/.test(segment)) return fail("invalid", `${where} is a list; name an item by its number, like ${where}.0`);
    if (!Object.hasOwn(value, segment)) return fail("missing", `${where} has no "${segment}"`);
    value = (value as Record<string, unknown>)[segment];
  }
  if (value === null || value === undefined) return fail("missing", `${path.join(".")} has no value`);
  return { ok: true, value };
};

const writable = (value: unknown): value is string | number | boolean => ["string", "number", "boolean"].includes(typeof value);

/** Renders one string. */
export const renderTemplate = (text: string, scope: TemplateScope): Rendered => {
  const parsed = parseTemplate(text);
  if (!parsed.ok) return fail("invalid", parsed.message);
  const values: unknown[] = [];
  for (const path of parsed.paths) {
    const found = lookupPath(scope, path);
    if (!found.ok) return fail(found.error.kind, `{{ ${path.join(".")} }}: ${found.error.message}`);
    if (parsed.whole) return found;
    if (!writable(found.value)) return fail("invalid", `{{ ${path.join(".")} }} is ${describe(found.value)}; only a template that is the whole value may name a list or map`);
    values.push(found.value);
  }
  let index = 0;
  return { ok: true, value: text.replace(TEMPLATE, () => String(values[index++])) };
};

export type RenderedValue = { ok: true; value: unknown } | { ok: false; error: TemplateError; path: JsonPath };

/** Renders every string inside `value` (lists and maps included); the first error says where. */
export const renderValue = (value: unknown, scope: TemplateScope, path: JsonPath = []): RenderedValue => {
  if (typeof value === "string") {
    const rendered = renderTemplate(value, scope);
    return rendered.ok ? rendered : { ...rendered, path };
  }
  if (value === null || typeof value !== "object") return { ok: true, value };
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  const out: Array<[string | number, unknown]> = [];
  for (const [key, child] of entries) {
    const rendered = renderValue(child, scope, [...path, key]);
    if (!rendered.ok) return rendered;
    out.push([key, rendered.value]);
  }
  return { ok: true, value: Array.isArray(value) ? out.map(([, v]) => v) : Object.fromEntries(out) };
};

/** Every path named by the strings inside `value` (unparseable templates are skipped). */
export const templatePaths = (value: unknown): string[][] => {
  if (typeof value === "string") {
    const parsed = parseTemplate(value);
    return parsed.ok ? parsed.paths : [];
  }
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(templatePaths);
};
