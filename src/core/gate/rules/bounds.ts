import type { ActionKind, Quantity } from "../../../schemas/action-proposal.js";
import type { RuleOfKind } from "../../../schemas/policy-rule.js";
import { cpuMillicores, formatBytes, formatMillicores, memoryBytes } from "../k8s-quantity.js";
import { allow, deny, type RuleEvaluator } from "./rule-outcome.js";

type Bounds = RuleOfKind<"bounds">;

/** Actions whose whole point is a number: without quantities, nothing can bound them. */
const SIZED_ACTIONS: ReadonlySet<ActionKind> = new Set(["scale-replicas", "set-resources"]);

const describe = (q: Quantity, show: (n: number) => string): string => `${q.name} on ${q.target}: ${q.from === null ? "unset" : show(q.from)} → ${show(q.to)}`;

// an unset count is taken as 0: the change looks larger, never smaller, than it is
const replicaViolations = (rule: Bounds, q: Quantity): string[] => {
  const change = Math.abs(q.to - (q.from ?? 0));
  const what = describe(q, String);
  return [
    ...(rule.max_replica_change !== undefined && change > rule.max_replica_change ? [`${what} changes it by ${change}, more than ${rule.max_replica_change}`] : []),
    ...(rule.max_replicas !== undefined && q.to > rule.max_replicas ? [`${what} is above the maximum ${rule.max_replicas}`] : []),
    ...(rule.min_replicas !== undefined && q.to < rule.min_replicas ? [`${what} is below the minimum ${rule.min_replicas}`] : []),
  ];
};

/** Percent limits apply to increases from a set value; an unset value is bounded by the maximum alone. */
const resourceViolations = (q: Quantity, maxPercent: number | undefined, max: number | undefined, show: (n: number) => string): string[] => {
  const what = describe(q, show);
  const percent = q.from !== null && q.from > 0 ? ((q.to - q.from) / q.from) * 100 : null;
  return [
    ...(maxPercent !== undefined && percent !== null && percent > maxPercent ? [`${what} is +${Math.round(percent)}%, more than +${maxPercent}%`] : []),
    ...(max !== undefined && q.to > max ? [`${what} is above the maximum ${show(max)}`] : []),
  ];
};

const violationsOf = (rule: Bounds, q: Quantity): string[] => {
  if (q.name.startsWith("memory.")) return resourceViolations(q, rule.max_memory_increase_percent, rule.max_memory === undefined ? undefined : memoryBytes(rule.max_memory), formatBytes);
  if (q.name.startsWith("cpu.")) return resourceViolations(q, rule.max_cpu_increase_percent, rule.max_cpu === undefined ? undefined : cpuMillicores(rule.max_cpu), formatMillicores);
  return replicaViolations(rule, q);
};

/** Every number the change moves stays within the rule's limits. */
export const bounds: RuleEvaluator<"bounds"> = (rule, proposal) => {
  const quantities = proposal.quantities ?? [];
  if (quantities.length === 0) {
    return SIZED_ACTIONS.has(proposal.action) ? deny(`${proposal.action} declares no quantities, so its size cannot be bounded`) : allow("moves no replicas, CPU or memory");
  }
  const violations = quantities.flatMap((q) => violationsOf(rule, q));
  if (violations.length > 0) return deny(violations.join("; "));
  return allow(`${quantities.length} quantit${quantities.length === 1 ? "y" : "ies"} within bounds`);
};
