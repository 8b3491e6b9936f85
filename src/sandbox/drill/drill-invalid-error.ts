import { AgenticOpsError } from "../../core/model/agenticops-error.js";

/** A problem pinned to a place in a drill file. */
export interface LocatedProblem {
  file: string;
  line: number;
  column: number;
  /** Place inside the drill, e.g. "events[2].github"; "" for syntax errors. */
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

/** One DRILL_INVALID error listing every problem (up to MAX_REPORTED_PROBLEMS), sorted by position. */
export const drillInvalidError = (subject: string, problems: readonly LocatedProblem[], cause?: unknown): AgenticOpsError => {
  const sorted = unique(problems).sort(byPosition);
  const shown = sorted.slice(0, MAX_REPORTED_PROBLEMS);
  const more = sorted.length - shown.length;
  const count = `${sorted.length} problem${sorted.length === 1 ? "" : "s"}`;
  const lines = [`${subject} is invalid (${count}):`, ...shown.map((p) => `  ${formatProblem(p)}`)];
  if (more > 0) lines.push(`  … and ${more} more`);
  return new AgenticOpsError("DRILL_INVALID", lines.join("\n"), {
    cause,
    hint: "fix the listed places; docs/drills.md describes every key of a drill",
    details: { problems: sorted },
  });
};

/** The problems carried by a DRILL_INVALID error built here, to merge several files' errors. */
export const problemsOf = (error: AgenticOpsError): LocatedProblem[] =>
  Array.isArray(error.details.problems) ? (error.details.problems as LocatedProblem[]) : [];
