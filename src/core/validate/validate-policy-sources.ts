import type { Policy } from "../../schemas/policy.js";
import type { ValidatedFile, ValidationTest } from "../../schemas/validation-report.js";
import { parsePolicyFile } from "../gate/parse-policy-file.js";
import { runPolicyTests } from "../gate/run-policy-tests.js";
import { fileReport, thrownMessage } from "./file-report.js";
import type { LocatedProblem } from "./located-problem.js";
import { locateListItems } from "./locate-list-items.js";
import type { SourceFile } from "./validation-source.js";

const NOT_LOADED = "in a subfolder of policies/: checked and tested here, never loaded by the app";

/** The policy's inline tests, each judged by the gate with that policy alone. */
const policyTests = (text: string, policy: Policy): ValidationTest[] | LocatedProblem => {
  const at = locateListItems(text, "tests", policy.tests.length);
  try {
    return runPolicyTests(policy).map((result, index) => {
      const { line, column } = at[index] ?? { line: 1, column: 1 };
      return { kind: "policy-test", index, name: result.test, line, column, passed: result.passed, failures: result.failures };
    });
  } catch (error) {
    return { file: "", line: 1, column: 1, path: "tests", message: `the inline tests could not run: ${thrownMessage(error)}` };
  }
};

/** A policy whose id another file took is rejected, but its own tests still run (they say what it would decide). */
const policyFileReport = (source: SourceFile, loaded: ReturnType<typeof parsePolicyFile>): ValidatedFile => {
  const alone = "policy" in loaded ? loaded : parsePolicyFile(source.text, source.file, new Map());
  const policy = "policy" in alone ? alone.policy : null;
  const problems = "problems" in loaded ? [...loaded.problems] : [];
  const ran = policy ? policyTests(source.text, policy) : [];
  if (!Array.isArray(ran)) problems.push({ ...ran, file: source.file });
  return fileReport(source, policy?.id ?? null, problems, Array.isArray(ran) ? ran : [], source.loaded ? [] : [NOT_LOADED]);
};

/**
 * Policy files in the order the loader reads them (file name order), ids unique among the loaded
 * ones; a policy in a subfolder is never loaded, so its id clashes with nothing.
 */
export const validatePolicySources = (sources: readonly SourceFile[]): ValidatedFile[] => {
  const taken = new Map<string, string>();
  const reports: ValidatedFile[] = [];
  for (const source of sources.filter((s) => s.kind === "policy")) {
    const loaded = parsePolicyFile(source.text, source.file, source.loaded ? taken : new Map());
    if ("policy" in loaded && source.loaded) taken.set(loaded.policy.id, source.file);
    if (source.report) reports.push(policyFileReport(source, loaded));
  }
  return reports;
};
