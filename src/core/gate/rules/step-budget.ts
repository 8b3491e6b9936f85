import { allow, deny, type RuleEvaluator } from "./rule-outcome.js";

/** A bounded number of actions per incident: past it, a human takes over. */
export const stepBudget: RuleEvaluator<"step_budget"> = (rule, _proposal, facts) =>
  facts.stepsTaken >= rule.max_actions
    ? deny(`this incident already had ${facts.stepsTaken} action(s); the budget is ${rule.max_actions}`)
    : allow(`action ${facts.stepsTaken + 1} of at most ${rule.max_actions} for this incident`);
