import { createHash } from "node:crypto";
import { ruleIdOf, type PolicyRule } from "../../schemas/policy-rule.js";

/** JSON with sorted keys, so the same definition always hashes the same. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
};

/** The first 4 hex characters of a SHA-256 over `definition`. */
export const shortHash = (definition: string): string => createHash("sha256").update(definition).digest("hex").slice(0, 4);

/**
 * `rollback-scope@3e1a`: the rule's id and a hash of what it enforces (id and description left
 * out), so a trailer tells which version of a rule judged a commit.
 */
export const versionedRuleId = (rule: PolicyRule): string => {
  const { id: _id, description: _description, ...definition } = rule;
  return `${ruleIdOf(rule)}@${shortHash(canonical(definition))}`;
};
