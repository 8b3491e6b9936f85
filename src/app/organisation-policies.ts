import { BUNDLED_POLICY_DIR, loadPolicyDir } from "../adapters/policies/load-policy-dir.js";
import type { PolicySet } from "../core/gate/policy-set.js";
import { formatProblem } from "../core/validate/located-problem.js";
import type { Logger } from "../ports/logger.js";

/**
 * The organisation policy: the YAML files in `dir` (the app's bundled `policies/` by default).
 * Rejected files are logged with file:line:column and left out; with none valid the gate denies
 * every action, which is logged as an error rather than stopping the app (it still reports).
 */
export const loadOrganisationPolicies = async (log: Pick<Logger, "warn" | "error" | "info">, dir: string = BUNDLED_POLICY_DIR): Promise<PolicySet> => {
  const { policies, problems } = await loadPolicyDir(dir);
  if (problems.length > 0) log.warn({ problems: problems.map(formatProblem) }, "policy files rejected");
  if (policies.length === 0) log.error({ dir }, "no valid policy: every action will be denied");
  else log.info({ policies: policies.map((p) => p.id) }, "policies loaded");
  return { policies };
};

/** Loaded on first use, then shared by the app's handlers (for apps started without a set: tests, drills). */
export const lazyOrganisationPolicies = (log: Pick<Logger, "warn" | "error" | "info">, dir?: string): (() => Promise<PolicySet>) => {
  let pending: Promise<PolicySet> | undefined;
  return () => (pending ??= loadOrganisationPolicies(log, dir));
};
