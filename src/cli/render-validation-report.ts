import { formatProblem } from "../core/validate/located-problem.js";
import type { ValidatedFile, ValidationReport, ValidationTest } from "../schemas/validation-report.js";

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

const KIND_NAMES: Record<ValidatedFile["kind"], string> = { runbook: "runbook", "repository-runbook": "repository runbook", policy: "policy", config: "config" };

/** Continuation lines of a message (an expected file's text) stay under it. */
const indented = (text: string, prefix: string): string => text.split("\n").join(`\n${prefix}`);

const testSummary = (tests: readonly ValidationTest[]): string => {
  if (tests.length === 0) return "";
  const what = tests[0]?.kind === "example" ? "example" : "test";
  const failed = tests.filter((t) => !t.passed).length;
  return failed === 0 ? `, ${plural(tests.length, what)} passed` : `, ${failed} of ${plural(tests.length, what)} failed`;
};

const fileLines = (f: ValidatedFile): string[] => {
  const head = `${f.valid ? "✓" : "✗"} ${f.file}  ${KIND_NAMES[f.kind]}${f.id ? ` ${f.id}` : ""}${f.problems.length > 0 ? `, ${plural(f.problems.length, "problem")}` : ""}${testSummary(f.tests)}`;
  const problems = f.problems.map((p) => `    ${indented(formatProblem(p), "      ")}`);
  const failed = f.tests
    .filter((t) => !t.passed)
    .flatMap((t) => {
      const path = `${t.kind === "example" ? "examples" : "tests"}[${t.index}]`;
      return t.failures.map((message) => `    ${indented(formatProblem({ file: f.file, line: t.line, column: t.column, path, message: `"${t.name}": ${message}` }), "      ")}`);
    });
  const notes = f.notes.map((n) => `    note: ${n}`);
  return [head, ...problems, ...failed, ...notes];
};

/** The closing line: "3 runbooks, 2 policies, 1 config: 18 examples and 9 policy tests passed, 0 failed". */
export const renderTotals = (report: ValidationReport): string => {
  const t = report.totals;
  const found = `${plural(t.runbooks, "runbook")}, ${plural(t.policies, "policy", "policies")}, ${plural(t.configs, "config")}`;
  const ran = `${plural(t.examples.passed, "example")} and ${plural(t.policyTests.passed, "policy test")} passed, ${t.examples.failed + t.policyTests.failed} failed`;
  const withProblems = report.files.filter((f) => f.problems.length > 0).length;
  const problems = t.problems > 0 ? `; ${plural(t.problems, "problem")} in ${plural(withProblems, "file")}` : "";
  return `${found}: ${ran}${problems}`;
};

/** The human-readable report: one line per file (✓ or ✗), its problems and failed tests as file:line:column, then the totals. */
export const renderValidationReport = (report: ValidationReport): string =>
  [...report.files.flatMap(fileLines), ...report.errors.map((e) => `✗ ${e}`), "", renderTotals(report), ""].join("\n");
