import type { ActionProposal } from "../../../schemas/action-proposal.js";
import type { PolicyFacts } from "../../../schemas/policy-facts.js";
import type { PolicyRule, RuleKind } from "../../../schemas/policy-rule.js";
import { allowedActions } from "./allowed-actions.js";
import { approvals } from "./approvals.js";
import { automerge } from "./automerge.js";
import { bounds } from "./bounds.js";
import { changeFreeze } from "./change-freeze.js";
import { killSwitch } from "./kill-switch.js";
import { pathBoundaries } from "./path-boundaries.js";
import { rateLimit } from "./rate-limit.js";
import { rollbackScope } from "./rollback-scope.js";
import type { RuleEvaluator, RuleOutcome } from "./rule-outcome.js";
import { stepBudget } from "./step-budget.js";

/** One evaluator per kind; the mapped type makes a missing kind a compile error. */
const EVALUATORS: { [K in RuleKind]: RuleEvaluator<K> } = {
  allowed_actions: allowedActions,
  path_boundaries: pathBoundaries,
  rollback_scope: rollbackScope,
  bounds,
  step_budget: stepBudget,
  rate_limit: rateLimit,
  change_freeze: changeFreeze,
  kill_switch: killSwitch,
  approvals,
  automerge,
};

/** The rule's outcome; a rule that throws is a deny that says why (fail closed). */
export const evaluateRule = (rule: PolicyRule, proposal: ActionProposal, facts: PolicyFacts): RuleOutcome | null => {
  try {
    const evaluate = EVALUATORS[rule.kind] as RuleEvaluator<typeof rule.kind>;
    return evaluate(rule as never, proposal, facts);
  } catch (error) {
    return { verdict: "deny", reason: `rule failed to evaluate: ${error instanceof Error ? error.message : String(error)}` };
  }
};
