import type { PolicyRule, RuleOfKind } from "../../schemas/policy-rule.js";
import type { RepoBounds } from "../../schemas/repo-policy.js";
import { cpuMillicores, memoryBytes } from "./k8s-quantity.js";

type Field = keyof RepoBounds;
const FIELDS: readonly Field[] = ["max_replica_change", "max_replicas", "min_replicas", "max_memory_increase_percent", "max_memory", "max_cpu_increase_percent", "max_cpu"];

/** A bound as a comparable number, oriented so that smaller is always stricter. */
const strictness = (field: Field, value: NonNullable<RepoBounds[Field]>): number => {
  if (field === "max_memory") return memoryBytes(value);
  if (field === "max_cpu") return cpuMillicores(value);
  return field === "min_replicas" ? -Number(value) : Number(value);
};

/**
 * The repository's bounds that can tighten something, and a warning for each that is looser than
 * the organisation's strictest value for it. A value is dropped when an organisation rule that
 * applies in every environment is already at least as strict: it could never bind.
 */
export const tightenBounds = (repo: RepoBounds, org: PolicyRule[]): { bounds: RepoBounds; warnings: string[] } => {
  const orgBounds = org.filter((r): r is RuleOfKind<"bounds"> => r.kind === "bounds");
  const kept: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const field of FIELDS) {
    const value = repo[field];
    if (value === undefined) continue;
    const mine = strictness(field, value);
    const theirs = orgBounds.flatMap((r) => (r[field] === undefined ? [] : [{ value: r[field], strict: strictness(field, r[field]), everywhere: r.environments === undefined }]));
    const strictest = theirs.reduce<(typeof theirs)[number] | undefined>((best, t) => (best === undefined || t.strict < best.strict ? t : best), undefined);
    if (strictest && mine > strictest.strict) warnings.push(`policy.bounds.${field}: ${value} is looser than the organisation's ${strictest.value}; the organisation's limit applies`);
    if (theirs.some((t) => t.everywhere && t.strict <= mine)) continue;
    kept[field] = value;
  }
  return { bounds: kept as RepoBounds, warnings };
};
