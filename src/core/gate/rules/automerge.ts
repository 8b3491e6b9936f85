import type { Risk } from "../../../schemas/action-proposal.js";
import { inEnvironment, type RuleEvaluator } from "./rule-outcome.js";

const RISK_RANK: Record<Risk, number> = { low: 0, medium: 1, high: 2 };

/** A grant, never a restriction: the verdict is always allow; `automerge` says whether it covers this proposal. */
export const automerge: RuleEvaluator<"automerge"> = (rule, proposal, facts) => {
  const no = (why: string) => ({ verdict: "allow" as const, reason: `no automerge: ${why}`, automerge: false });
  if (facts.mode !== "automate") return no(`the mode is ${facts.mode}; automerge needs automate`);
  if (!rule.actions.includes(proposal.action)) return no(`${proposal.action} is not granted (granted: ${rule.actions.join(", ")})`);
  if (RISK_RANK[proposal.risk] > RISK_RANK[rule.max_risk]) return no(`risk ${proposal.risk} is above ${rule.max_risk}`);
  return { verdict: "allow", reason: `grants automerge of ${proposal.action} (risk ${proposal.risk})${inEnvironment(facts)}`, automerge: true };
};
