import type { PolicyFacts } from "../../schemas/policy-facts.js";
import type { PolicyRule } from "../../schemas/policy-rule.js";
import type { RuleResult } from "../../schemas/policy-decision.js";
import { shortHash } from "./rule-version.js";

/** What the bot never edits, whatever the policies say: the rules that judge it, and CI definitions. */
export const DEFAULT_PROTECTED_PATHS = [".github/**", "policies/**", "runbooks/**"] as const;
export const DEFAULT_KILL_SWITCH_LABEL = "agenticops/stop";

/** Rules that always apply, before any policy file: no policy can remove them. */
export const BUILTIN_RULES: PolicyRule[] = [
  { kind: "path_boundaries", id: "protected-paths", protected: [...DEFAULT_PROTECTED_PATHS] },
  { kind: "kill_switch", id: "kill-switch", label: DEFAULT_KILL_SWITCH_LABEL },
];

const check = (id: string, definition: string) => `${id}@${shortHash(definition)}`;
const MODE = check("mode", "observe mode writes no branches or pull requests");
const POLICY_SET = check("policy-set", "with no valid policy, the gate denies everything");
const LISTED = check("actions-listed", "an action is allowed only where an organisation allowed_actions rule applies");
const INPUT = check("input", "a proposal or facts that do not validate are denied");

/** Observe mode never writes. */
export const modeResult = (facts: PolicyFacts): RuleResult =>
  facts.mode === "observe" ? { rule: MODE, policy: "builtin", verdict: "deny", reason: "the repository is in observe mode" } : { rule: MODE, policy: "builtin", verdict: "allow", reason: `mode is ${facts.mode}` };

/** Fail closed: no policy loaded means no action allowed. */
export const noPolicyResult: RuleResult = { rule: POLICY_SET, policy: "builtin", verdict: "deny", reason: "no valid policy is loaded, so every action is denied" };

/** Fail closed: an action is never allowed by the absence of a rule. */
export const unlistedResult = (facts: PolicyFacts): RuleResult => ({
  rule: LISTED,
  policy: "builtin",
  verdict: "deny",
  reason: `no organisation policy lists the actions allowed for ${facts.repo}${facts.environment ? ` in ${facts.environment}` : ""}`,
});

export const invalidInputResult = (reason: string): RuleResult => ({ rule: INPUT, policy: "builtin", verdict: "deny", reason });
