import { allow, deny, inEnvironment, listOrNone, type RuleEvaluator } from "./rule-outcome.js";

/** Only the listed actions; anything else is denied. */
export const allowedActions: RuleEvaluator<"allowed_actions"> = (rule, proposal, facts) =>
  rule.actions.includes(proposal.action)
    ? allow(`${proposal.action} is allowed${inEnvironment(facts)}`)
    : deny(`${proposal.action} is not an allowed action${inEnvironment(facts)} (allowed: ${listOrNone(rule.actions)})`);
