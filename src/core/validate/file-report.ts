import type { ValidatedFile, ValidationTest } from "../../schemas/validation-report.js";
import type { LocatedProblem } from "./located-problem.js";
import type { SourceFile } from "./validation-source.js";

const byPosition = (a: LocatedProblem, b: LocatedProblem): number => a.line - b.line || a.column - b.column;

/** One file's entry in the report: problems in reading order, each once. */
export const fileReport = (source: SourceFile, id: string | null, problems: readonly LocatedProblem[], tests: ValidationTest[], notes: string[] = []): ValidatedFile => {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.path}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const sorted = [...unique].sort(byPosition);
  return { file: source.file, kind: source.kind, id, valid: sorted.length === 0 && tests.every((t) => t.passed), problems: sorted, tests, notes };
};

/** The message of an error thrown while running a file's tests, which must not stop its siblings. */
export const thrownMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
