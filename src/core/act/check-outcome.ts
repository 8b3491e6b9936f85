import type { CheckFact } from "../../ports/governance-host.js";

export type { CheckFact };

export type CheckOutcome = "passed" | "pending" | "failed";

// What GitHub's branch protection accepts from a required check run; anything else blocks.
const PASSING = new Set(["success", "neutral", "skipped"]);

export const checkOutcome = (check: CheckFact): CheckOutcome => {
  if (check.source === "status") return check.status === "success" ? "passed" : check.status === "pending" ? "pending" : "failed";
  if (check.status !== "completed" || check.conclusion === null) return "pending";
  return PASSING.has(check.conclusion) ? "passed" : "failed";
};

const describe = (check: CheckFact): string => (check.source === "status" ? check.status : (check.conclusion ?? check.status));

export interface ChecksVerdict {
  failed: string[];
  pending: string[];
}

/**
 * What stands between the head and a merge. `required` names the checks branch protection or
 * rulesets require; when none are configured (or readable), every check on the head is required,
 * and a head with no checks at all is pending: CI may not have reported yet. A check that failed
 * blocks even when not required.
 */
export const judgeChecks = (checks: CheckFact[], required: string[] | null, sha: string): ChecksVerdict => {
  const at = sha.slice(0, 7);
  const failed = checks.filter((c) => checkOutcome(c) === "failed").map((c) => `${c.name} concluded ${describe(c)} on ${at}`);
  const names = required !== null && required.length > 0 ? required : [...new Set(checks.map((c) => c.name))];
  if (names.length === 0) return { failed, pending: [`no checks have reported on ${at} yet`] };
  const pending = names.flatMap((name) => {
    const same = checks.filter((c) => c.name.toLowerCase() === name.toLowerCase());
    if (same.length === 0) return [`required check ${name} has not reported on ${at}`];
    return same.some((c) => checkOutcome(c) === "pending") ? [`${name} is still running on ${at}`] : [];
  });
  return { failed, pending };
};
