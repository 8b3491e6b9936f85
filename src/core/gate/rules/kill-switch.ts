import { allow, deny, type RuleEvaluator } from "./rule-outcome.js";

/** The emergency stop. GitHub compares label names case-insensitively, so this does too. */
export const killSwitch: RuleEvaluator<"kill_switch"> = (rule, _proposal, facts) => {
  if (facts.killSwitch) return deny("kill_switch is on in .github/agenticops.yml");
  const wanted = rule.label.toLowerCase();
  if (facts.labels.some((l) => l.toLowerCase() === wanted)) return deny(`the ${rule.label} label is set`);
  return allow(`no ${rule.label} label, kill_switch off`);
};
