import { LineCounter, parseDocument, type Document, type YAMLError } from "yaml";
import type { z } from "zod";
import { formatJsonPath } from "../../schemas/drill-template.js";
import { formatZodIssues, type SchemaProblem } from "./format-zod-issue.js";
import type { LocatedProblem } from "./located-problem.js";
import { locateYamlPath } from "./yaml-locate.js";

export type ParsedYamlDocument<T> =
  | { ok: true; value: T; locate: (problem: SchemaProblem) => LocatedProblem }
  | { ok: false; problems: LocatedProblem[] };

export const syntaxProblem = (file: string, error: YAMLError): LocatedProblem => {
  const [start] = error.linePos ?? [];
  const firstLine = error.message.split("\n")[0] ?? error.message;
  const message = firstLine.replace(/ at line \d+, column \d+:?$/, "");
  return { file, line: start?.line ?? 1, column: start?.col ?? 1, path: "", message: `YAML syntax error: ${message}` };
};

export const locator = (file: string, doc: Document, lineCounter: LineCounter) => (problem: SchemaProblem): LocatedProblem => ({
  file,
  ...locateYamlPath(doc, lineCounter, problem.path, problem.at),
  path: formatJsonPath(problem.path) || "(top level)",
  message: problem.message,
});

/** Top-level keys that another layer consumes before validation (Probot's `_extends`). */
const withoutKeys = (raw: unknown, keys: readonly string[]): unknown => {
  if (keys.length === 0 || raw === null || typeof raw !== "object" || Array.isArray(raw)) return raw;
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !keys.includes(key)));
};

/**
 * Parses one YAML document against a zod schema. Every problem (syntax, type, unknown key) comes
 * back as file:line:column with the path inside the document, never as an exception.
 * `omitKeys` are top-level keys left out of the validation.
 */
export const parseYamlDocument = <S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  what: string,
  options: { omitKeys?: readonly string[] } = {},
): ParsedYamlDocument<z.infer<S>> => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: true, prettyErrors: true });
  if (doc.errors.length > 0) return { ok: false, problems: doc.errors.map((e) => syntaxProblem(file, e)) };
  const locate = locator(file, doc, lineCounter);
  const raw: unknown = withoutKeys(doc.toJS({ maxAliasCount: 1000 }), options.omitKeys ?? []);
  if (raw === null || raw === undefined) return { ok: false, problems: [{ file, line: 1, column: 1, path: "", message: `the file is empty; expected ${what}` }] };
  const result = schema.safeParse(raw);
  if (!result.success) return { ok: false, problems: formatZodIssues(result.error.issues, schema, raw).map(locate) };
  return { ok: true, value: result.data as z.infer<S>, locate };
};
