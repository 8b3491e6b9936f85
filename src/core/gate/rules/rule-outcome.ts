import type { ActionProposal } from "../../../schemas/action-proposal.js";
import type { ApprovalRequirement, Verdict } from "../../../schemas/policy-decision.js";
import type { PolicyFacts } from "../../../schemas/policy-facts.js";
import type { RuleKind, RuleOfKind } from "../../../schemas/policy-rule.js";

/** What one rule says about one proposal. */
export interface RuleOutcome {
  verdict: Verdict;
  reason: string;
  /** set by approvals rules */
  approvals?: ApprovalRequirement;
  /** set by automerge rules: whether this grant covers the proposal */
  automerge?: boolean;
}

/** A rule kind's evaluator; null when the rule does not apply to this proposal (it is not listed). */
export type RuleEvaluator<K extends RuleKind> = (rule: RuleOfKind<K>, proposal: ActionProposal, facts: PolicyFacts) => RuleOutcome | null;

export const allow = (reason: string): RuleOutcome => ({ verdict: "allow", reason });
export const deny = (reason: string): RuleOutcome => ({ verdict: "deny", reason });

/** `a, b, c` or `none`. */
export const listOrNone = (items: readonly string[]): string => (items.length === 0 ? "none" : items.join(", "));

/** ` in production`, or nothing when the incident has no environment. */
export const inEnvironment = (facts: PolicyFacts): string => (facts.environment ? ` in ${facts.environment}` : "");
