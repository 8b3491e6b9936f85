import { z } from "zod";

/**
 * What `agenticops validate --json` prints. A public, stable interface (README, "Command line"):
 * fields are only ever added, so readers must ignore unknown keys; these schemas use z.object,
 * which strips them instead of failing.
 */

/** A problem pinned to a place in a file: `file:line:column`, the path inside the document, the message. */
export const ValidationProblem = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  /** e.g. "steps[0].action"; "" for syntax errors and whole-file problems */
  path: z.string(),
  message: z.string(),
});
export type ValidationProblem = z.infer<typeof ValidationProblem>;

/** One runbook example or policy inline test, where it is written and what differed when it failed. */
export const ValidationTest = z.object({
  kind: z.enum(["example", "policy-test"]),
  /** its position in the file's `examples` or `tests` list */
  index: z.number().int().nonnegative(),
  name: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  passed: z.boolean(),
  /** what differed from the expectation, one entry each; empty when it passed */
  failures: z.array(z.string()),
});
export type ValidationTest = z.infer<typeof ValidationTest>;

/**
 * `runbook`: the catalogue (`runbooks/`); `repository-runbook`: `.github/agenticops/runbooks/`,
 * merged with the catalogue; `policy`: `policies/`; `config`: `.github/agenticops.yml`.
 */
export const ValidatedFileKind = z.enum(["runbook", "repository-runbook", "policy", "config"]);
export type ValidatedFileKind = z.infer<typeof ValidatedFileKind>;

export const ValidatedFile = z.object({
  file: z.string(),
  kind: ValidatedFileKind,
  /** the runbook's or policy's id once the file parsed; null for config files and files that did not */
  id: z.string().nullable(),
  /** no problems and every test passed */
  valid: z.boolean(),
  problems: z.array(ValidationProblem),
  tests: z.array(ValidationTest),
  /** facts worth knowing that are not problems, e.g. a policy in a subfolder is not loaded by the app */
  notes: z.array(z.string()),
});
export type ValidatedFile = z.infer<typeof ValidatedFile>;

const Tally = z.object({ passed: z.number().int().nonnegative(), failed: z.number().int().nonnegative() });

export const ValidationTotals = z.object({
  runbooks: z.number().int().nonnegative(),
  policies: z.number().int().nonnegative(),
  configs: z.number().int().nonnegative(),
  examples: Tally,
  policyTests: Tally,
  /** located problems over all files (failed tests not included) */
  problems: z.number().int().nonnegative(),
  invalidFiles: z.number().int().nonnegative(),
});
export type ValidationTotals = z.infer<typeof ValidationTotals>;

export const ValidationReport = z.object({
  /** every file valid and at least one file found */
  valid: z.boolean(),
  /** what is wrong outside any file: nothing found under a directory, a file that is no runbook, policy or config */
  errors: z.array(z.string()),
  files: z.array(ValidatedFile),
  totals: ValidationTotals,
});
export type ValidationReport = z.infer<typeof ValidationReport>;
