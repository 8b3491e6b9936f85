import { windowContains } from "../time-window-contains.js";
import { allow, type RuleEvaluator } from "./rule-outcome.js";

/** Inside a freeze window, a change waits for a human (or is refused, with `verdict: deny`). */
export const changeFreeze: RuleEvaluator<"change_freeze"> = (rule, _proposal, facts) => {
  const active = rule.windows.filter((w) => windowContains(w, facts.now));
  if (active.length === 0) return allow(`outside the change freeze${rule.windows.length === 1 ? "" : "s"} ${rule.windows.map((w) => `"${w.name}"`).join(", ")}`);
  const names = active.map((w) => `"${w.name}"`).join(", ");
  return { verdict: rule.verdict, reason: `inside the change freeze ${names}${rule.verdict === "deny" ? "" : ": a human must approve"}` };
};
