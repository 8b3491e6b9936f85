import type { ActionKind } from "../../schemas/action-proposal.js";
import type { PolicyRule, RuleOfKind } from "../../schemas/policy-rule.js";
import type { RepoPolicy } from "../../schemas/repo-policy.js";
import { globMatcher } from "./path-glob.js";
import type { PolicySet } from "./policy-set.js";
import { tightenBounds } from "./repository-bounds.js";

type Merged = { rules: PolicyRule[]; warnings: string[] };
const of = <K extends PolicyRule["kind"]>(rules: PolicyRule[], kind: K) => rules.filter((r): r is RuleOfKind<K> => r.kind === kind);
const none: Merged = { rules: [], warnings: [] };

/** Organisation rules for the repository in any environment: what a repository value is compared with. */
const organisationRules = (set: PolicySet, repo: string): PolicyRule[] =>
  set.policies.filter((p) => !p.applies_to?.repositories || globMatcher(p.applies_to.repositories, { nocase: true })(repo)).flatMap((p) => p.rules);

const allowedActions = (listed: ActionKind[] | undefined, org: PolicyRule[]): Merged => {
  if (!listed) return none;
  const offered = new Set(of(org, "allowed_actions").flatMap((r) => r.actions));
  const ignored = listed.filter((a) => !offered.has(a));
  return {
    rules: [{ kind: "allowed_actions", id: "repository-allowed-actions", actions: listed.filter((a) => offered.has(a)) }],
    warnings: ignored.map((a) => `policy.allowed_actions: ${a} is not allowed by the organisation's policies; ignored`),
  };
};

/** Lower-is-stricter limits: a looser value is reported; kept, it still binds nowhere the organisation's does. */
const limit = (field: "step_budget" | "rate_limit", value: number | undefined, org: PolicyRule[]): Merged => {
  if (value === undefined) return none;
  const theirs = field === "step_budget" ? of(org, "step_budget").map((r) => r.max_actions) : of(org, "rate_limit").map((r) => r.max_actions_per_hour);
  const rule: PolicyRule =
    field === "step_budget" ? { kind: "step_budget", id: "repository-step-budget", max_actions: value } : { kind: "rate_limit", id: "repository-rate-limit", max_actions_per_hour: value };
  const strictest = theirs.length > 0 ? Math.min(...theirs) : undefined;
  return {
    rules: [rule],
    warnings: strictest !== undefined && value > strictest ? [`policy.${field}: ${value} is looser than the organisation's ${strictest}; the organisation's limit applies`] : [],
  };
};

const approvals = (wanted: RepoPolicy["approvals"], org: PolicyRule[]): Merged => {
  if (!wanted) return none;
  const theirs = of(org, "approvals");
  const count = wanted.count ?? 0;
  const most = Math.max(0, ...theirs.map((r) => r.count));
  const warnings = [
    ...(wanted.count !== undefined && count < most ? [`policy.approvals.count: ${count} is below the organisation's ${most}; the organisation's count applies`] : []),
    ...(wanted.codeowners === false && theirs.some((r) => r.codeowners) ? ["policy.approvals.codeowners: the organisation requires code owner approval; it stays required"] : []),
  ];
  return { rules: [{ kind: "approvals", id: "repository-approvals", count, teams: wanted.teams, codeowners: wanted.codeowners ?? false }], warnings };
};

/** More freezes; `freeze_verdict: deny` also turns the organisation's freezes into refusals here. */
const freezes = (policy: RepoPolicy, org: PolicyRule[]): Merged => {
  const own: PolicyRule[] = policy.freeze_windows.length > 0 ? [{ kind: "change_freeze", id: "repository-change-freeze", windows: policy.freeze_windows, verdict: policy.freeze_verdict }] : [];
  const stricter: PolicyRule[] = policy.freeze_verdict === "deny" ? of(org, "change_freeze").map((r) => ({ ...r, id: `repository-${r.id ?? "change-freeze"}`, verdict: "deny" as const })) : [];
  return { rules: [...own, ...stricter], warnings: [] };
};

/**
 * A repository's `policy:` section merged onto the organisation's set. Repository rules are added
 * next to the organisation's and every rule must allow, so the result can only be stricter:
 * bounds and limits act as their minimum, allowed actions as an intersection, protected paths and
 * freezes as a union, approvals as the maximum. What would loosen is reported and has no effect.
 */
export const mergeRepositoryPolicy = (set: PolicySet, repo: string, policy: RepoPolicy | undefined): { set: PolicySet; warnings: string[] } => {
  if (!policy) return { set, warnings: [] };
  const org = organisationRules(set, repo);
  const bounds = policy.bounds ? tightenBounds(policy.bounds, org) : { bounds: {}, warnings: [] };
  const parts: Merged[] = [
    { rules: policy.protected_paths.length > 0 ? [{ kind: "path_boundaries", id: "repository-protected-paths", protected: policy.protected_paths }] : [], warnings: [] },
    allowedActions(policy.allowed_actions, org),
    { rules: Object.keys(bounds.bounds).length > 0 ? [{ kind: "bounds", id: "repository-bounds", ...bounds.bounds }] : [], warnings: bounds.warnings },
    freezes(policy, org),
    approvals(policy.approvals, org),
    limit("step_budget", policy.step_budget, org),
    limit("rate_limit", policy.rate_limit, org),
    { rules: [], warnings: policy.automerge === true ? ["policy.automerge: a repository cannot grant automerge; only an organisation policy can. Ignored"] : [] },
  ];
  return {
    set: { policies: set.policies, repository: { rules: parts.flatMap((p) => p.rules), withdrawAutomerge: policy.automerge === false } },
    warnings: parts.flatMap((p) => p.warnings),
  };
};
