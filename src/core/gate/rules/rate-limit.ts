import { allow, deny, type RuleEvaluator } from "./rule-outcome.js";

/** A circuit breaker: a bot acting this often in one repository is more likely looping than helping. */
export const rateLimit: RuleEvaluator<"rate_limit"> = (rule, _proposal, facts) =>
  facts.recentActions >= rule.max_actions_per_hour
    ? deny(`circuit breaker open: ${facts.recentActions} bot action(s) in ${facts.repo} in the last hour, the limit is ${rule.max_actions_per_hour}`)
    : allow(`${facts.recentActions} of at most ${rule.max_actions_per_hour} actions in the last hour`);
