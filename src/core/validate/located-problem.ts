import { AgenticOpsError, type ErrorCode } from "../model/agenticops-error.js";

/** A problem pinned to a place in a YAML file (a drill, runbook, policy or config). */
export interface LocatedProblem {
  file: string;
  line: number;
  column: number;
  /** Place inside the document, e.g. "events[2].github"; "" for syntax errors. */
  path: string;
  message: string;
}

/** Enough to fix a file without drowning the terminal. */
export const MAX_REPORTED_PROBLEMS = 20;

export const formatProblem = (p: LocatedProblem): string =>
  `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ""}${p.message}`;

const byPosition = (a: LocatedProblem, b: LocatedProblem): number =>
  a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;

const unique = (problems: readonly LocatedProblem[]): LocatedProblem[] => {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** One error listing every problem (up to MAX_REPORTED_PROBLEMS), sorted by position. */
export const documentInvalidError = (
  code: ErrorCode,
  subject: string,
  problems: readonly LocatedProblem[],
  options: { hint: string; cause?: unknown },
): AgenticOpsError => {
  const sorted = unique(problems).sort(byPosition);
  const shown = sorted.slice(0, MAX_REPORTED_PROBLEMS);
  const more = sorted.length - shown.length;
  const count = `${sorted.length} problem${sorted.length === 1 ? "" : "s"}`;
  const lines = [`${subject} is invalid (${count}):`, ...shown.map((p) => `  ${formatProblem(p)}`)];
  if (more > 0) lines.push(`  … and ${more} more`);
  return new AgenticOpsError(code, lines.join("\n"), { cause: options.cause, hint: options.hint, details: { problems: sorted } });
};

/** One DRILL_INVALID error listing every problem of a drill. */
export const drillInvalidError = (subject: string, problems: readonly LocatedProblem[], cause?: unknown): AgenticOpsError =>
  documentInvalidError("DRILL_INVALID", subject, problems, { cause, hint: "fix the listed places; docs/drills.md describes every key of a drill" });

/** The problems carried by an error built here, to merge several files' errors. */
export const problemsOf = (error: AgenticOpsError): LocatedProblem[] =>
  Array.isArray(error.details.problems) ? (error.details.problems as LocatedProblem[]) : [];
