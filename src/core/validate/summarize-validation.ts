import type { ValidatedFile, ValidationReport, ValidationTest } from "../../schemas/validation-report.js";

const tally = (tests: readonly ValidationTest[]) => ({ passed: tests.filter((t) => t.passed).length, failed: tests.filter((t) => !t.passed).length });

/**
 * The report of a whole run: `errors` are what is wrong outside any file (nothing found under a
 * directory, a file that is no runbook, policy or config). Valid only when something was found.
 */
export const summarizeValidation = (files: readonly ValidatedFile[], errors: readonly string[] = []): ValidationReport => {
  const tests = files.flatMap((f) => f.tests);
  return {
    valid: files.length > 0 && errors.length === 0 && files.every((f) => f.valid),
    errors: [...errors],
    files: [...files],
    totals: {
      runbooks: files.filter((f) => f.kind === "runbook" || f.kind === "repository-runbook").length,
      policies: files.filter((f) => f.kind === "policy").length,
      configs: files.filter((f) => f.kind === "config").length,
      examples: tally(tests.filter((t) => t.kind === "example")),
      policyTests: tally(tests.filter((t) => t.kind === "policy-test")),
      problems: files.reduce((n, f) => n + f.problems.length, 0),
      invalidFiles: files.filter((f) => !f.valid).length,
    },
  };
};
