import type { Policy } from "../../schemas/policy.js";
import type { PolicyFacts } from "../../schemas/policy-facts.js";
import type { PolicyRule } from "../../schemas/policy-rule.js";
import { environmentMatches, globMatcher } from "./path-glob.js";

/** The repository's tightening, merged from `.github/agenticops.yml` (see mergeRepositoryPolicy). */
export interface RepositoryPolicy {
  rules: PolicyRule[];
  /** `policy.automerge: false`: no organisation grant merges anything here */
  withdrawAutomerge: boolean;
}

/** What the gate judges with: the organisation's policies, and a repository's tightening. */
export interface PolicySet {
  policies: Policy[];
  repository?: RepositoryPolicy;
}

/** A rule with the policy it came from: a file's id, `builtin` or `repository`. */
export interface SourcedRule {
  policy: string;
  rule: PolicyRule;
}

/** Whether a policy's `applies_to` covers the repository (case-insensitive) and environment. */
export const policyApplies = (policy: Policy, facts: Pick<PolicyFacts, "repo" | "environment">): boolean => {
  const scope = policy.applies_to;
  if (scope?.repositories && !globMatcher(scope.repositories, { nocase: true })(facts.repo)) return false;
  if (scope?.environments && !environmentMatches(scope.environments, facts.environment)) return false;
  return true;
};

/** Whether a rule's own `environments` scope covers the incident's environment. */
export const ruleApplies = (rule: PolicyRule, facts: Pick<PolicyFacts, "environment">): boolean =>
  rule.environments === undefined || environmentMatches(rule.environments, facts.environment);

/** Every organisation rule that applies, in file order, with its policy's id. */
export const applicableRules = (set: PolicySet, facts: Pick<PolicyFacts, "repo" | "environment">): SourcedRule[] =>
  set.policies.filter((p) => policyApplies(p, facts)).flatMap((p) => p.rules.filter((r) => ruleApplies(r, facts)).map((rule) => ({ policy: p.id, rule })));
