import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BUNDLED_POLICY_DIR } from "../../../src/adapters/policies/load-policy-dir.js";
import { parsePolicyFile } from "../../../src/core/gate/parse-policy-file.js";
import type { PolicySet } from "../../../src/core/gate/policy-set.js";
import { formatProblem } from "../../../src/core/validate/located-problem.js";

/** The policies the app ships with, read synchronously for unit tests; any problem fails the test run. */
export const bundledPolicies = (): PolicySet => {
  const taken = new Map<string, string>();
  const policies = readdirSync(BUNDLED_POLICY_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => {
      const result = parsePolicyFile(readFileSync(join(BUNDLED_POLICY_DIR, f), "utf8"), `policies/${f}`, taken);
      if ("problems" in result) throw new Error(result.problems.map(formatProblem).join("\n"));
      taken.set(result.policy.id, f);
      return result.policy;
    });
  return { policies };
};
