import { createHash } from "node:crypto";
import type { ActionProposal } from "../../schemas/action-proposal.js";
import type { PolicyDecision, RuleResult, Verdict } from "../../schemas/policy-decision.js";
import type { Mode } from "../../schemas/repo-config.js";

/** Paths a bot change never touches: the rules that judge it, and CI definitions. */
export const PROTECTED_PREFIXES = [".github/", "policies/", "runbooks/"] as const;
const ROLLBACK_ACTIONS = new Set(["revert-commits", "set-image-tag"]);

export interface GateFacts {
  mode: Mode;
  /** files the incident's range changed: a rollback may touch these and nothing else */
  rangeFiles: string[];
}

interface Rule {
  id: string;
  /** the rule's definition; its hash versions the rule in decisions and commit trailers */
  definition: string;
  check: (p: ActionProposal, facts: GateFacts) => { verdict: Verdict; reason: string };
}

const RULES: Rule[] = [
  {
    id: "mode",
    definition: "observe mode writes no branches or pull requests",
    check: (_p, f) => (f.mode === "observe" ? { verdict: "deny", reason: "the repository is in observe mode" } : { verdict: "allow", reason: `mode is ${f.mode}` }),
  },
  {
    id: "rollback-only",
    definition: "until policies are configured, only rollback actions are allowed: revert-commits, set-image-tag",
    check: (p) =>
      ROLLBACK_ACTIONS.has(p.action) ? { verdict: "allow", reason: `${p.action} is a rollback action` } : { verdict: "deny", reason: `${p.action} is not a rollback action` },
  },
  {
    id: "rollback-scope",
    definition: "a rollback touches only files the failing range changed",
    check: (p, f) => {
      const outside = p.changes.map((c) => c.path).filter((path) => !f.rangeFiles.includes(path));
      return outside.length === 0 ? { verdict: "allow", reason: `${p.changes.length} file(s), all changed by the failing range` } : { verdict: "deny", reason: `touches files outside the failing range: ${outside.join(", ")}` };
    },
  },
  {
    id: "protected-paths",
    definition: `never touch ${PROTECTED_PREFIXES.join(", ")}`,
    check: (p) => {
      const hit = p.changes.map((c) => c.path).filter((path) => PROTECTED_PREFIXES.some((prefix) => path.startsWith(prefix)));
      return hit.length === 0 ? { verdict: "allow", reason: "no protected path touched" } : { verdict: "deny", reason: `touches protected paths: ${hit.join(", ")}` };
    },
  },
];

const version = (rule: Rule): string => `${rule.id}@${createHash("sha256").update(rule.definition).digest("hex").slice(0, 4)}`;
const RANK: Record<Verdict, number> = { allow: 0, "needs-approval": 1, deny: 2 };

/**
 * The built-in, fail-closed gate: every rule must allow; any rule that throws is a deny. Review of
 * the pull request is the approval, so an allowed rollback needs one human approval to merge.
 */
export const evaluateBuiltinGate = (proposal: ActionProposal, facts: GateFacts, now: Date): PolicyDecision => {
  const rules: RuleResult[] = RULES.map((rule) => {
    try {
      return { rule: version(rule), ...rule.check(proposal, facts) };
    } catch (error) {
      return { rule: version(rule), verdict: "deny", reason: `rule failed to evaluate: ${error instanceof Error ? error.message : String(error)}` };
    }
  });
  const verdict = rules.reduce<Verdict>((worst, r) => (RANK[r.verdict] > RANK[worst] ? r.verdict : worst), "allow");
  return {
    verdict,
    rules,
    requiredApprovals: verdict === "deny" ? 0 : 1,
    approvals: { count: 1, teams: [], codeowners: false },
    automerge: { granted: false, rule: null },
    evaluatedAt: now.toISOString(),
  };
};

/** `allow (rollback-scope@3e1a, protected-paths@91c0)` for commit trailers. */
export const summarizeDecision = (decision: PolicyDecision): string => `${decision.verdict} (${decision.rules.map((r) => r.rule).join(", ")})`;
