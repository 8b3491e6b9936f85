import { z } from "zod";
import { ActionKind, Risk } from "./action-proposal.js";
import { CpuQuantity, MemoryQuantity } from "./k8s-quantity.js";
import { TimeWindow } from "./time-window.js";

/** A path or name glob (picomatch syntax): `k8s/**`, `acme/*`, `prod-*`. */
export const Glob = z.string().min(1).max(500);

/** `rollback-scope`, `freeze-weekends`: kebab-case, shown as `id@hash` in decisions and trailers. */
export const RuleId = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "a kebab-case id such as rollback-scope");

/** A GitHub team as `org/team`, with or without the leading @. */
export const TeamSlug = z.string().regex(/^@?[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9][A-Za-z0-9._-]*$/, "a team such as acme/sre");

const base = {
  /** defaults to the kind in kebab-case; two rules of one kind in a policy need their own ids */
  id: RuleId.optional(),
  description: z.string().min(1).optional(),
  /** the rule applies only in these environments (globs); everywhere the policy applies when omitted */
  environments: z.array(Glob).min(1).optional(),
};

/** Actions not listed are denied. */
export const AllowedActionsRule = z.strictObject({ kind: z.literal("allowed_actions"), ...base, actions: z.array(ActionKind) });

/** A change may touch only `allowed` paths (when given) and never `protected` ones. */
export const PathBoundariesRule = z.strictObject({
  kind: z.literal("path_boundaries"),
  ...base,
  allowed: z.array(Glob).min(1).optional(),
  protected: z.array(Glob).default([]),
});

/** A rollback touches only files the failing range changed. */
export const RollbackScopeRule = z.strictObject({
  kind: z.literal("rollback_scope"),
  ...base,
  /** the actions that count as rollbacks */
  actions: z.array(ActionKind).min(1).default(["revert-commits", "set-image-tag"]),
});

/** The limits a bounds rule (and a repository's `policy.bounds`) may set, each optional. */
export const BOUND_LIMITS = {
  /** most replicas (or HPA min/max) one action may add or remove */
  max_replica_change: z.number().int().nonnegative().optional(),
  max_replicas: z.number().int().nonnegative().optional(),
  min_replicas: z.number().int().nonnegative().optional(),
  max_memory_increase_percent: z.number().nonnegative().optional(),
  max_memory: MemoryQuantity.optional(),
  max_cpu_increase_percent: z.number().nonnegative().optional(),
  max_cpu: CpuQuantity.optional(),
};

/** Limits on the numbers an action moves (`proposal.quantities`). */
export const BoundsRule = z
  .strictObject({ kind: z.literal("bounds"), ...base, ...BOUND_LIMITS })
  .refine((r) => Object.keys(r).some((k) => k.startsWith("max_") || k.startsWith("min_")), { message: "a bounds rule needs at least one max_ or min_ limit" });

/** At most `max_actions` actions per incident. */
export const StepBudgetRule = z.strictObject({ kind: z.literal("step_budget"), ...base, max_actions: z.number().int().nonnegative() });

/** A circuit breaker: at most `max_actions_per_hour` bot actions per repository in any hour. */
export const RateLimitRule = z.strictObject({ kind: z.literal("rate_limit"), ...base, max_actions_per_hour: z.number().int().nonnegative() });

/** Inside a window, an allowed change needs a human (or is denied with `verdict: deny`). */
export const ChangeFreezeRule = z.strictObject({
  kind: z.literal("change_freeze"),
  ...base,
  windows: z.array(TimeWindow).min(1),
  verdict: z.enum(["needs-approval", "deny"]).default("needs-approval"),
});

/** The emergency stop: this label on the incident's issue or pull request, or `kill_switch: true`. */
export const KillSwitchRule = z.strictObject({ kind: z.literal("kill_switch"), ...base, label: z.string().min(1).max(50).default("agenticops/stop") });

/** Who must approve: a count, every listed team, and/or the code owners of the changed files. */
export const ApprovalsRule = z.strictObject({
  kind: z.literal("approvals"),
  ...base,
  count: z.number().int().nonnegative(),
  teams: z.array(TeamSlug).default([]),
  codeowners: z.boolean().default(false),
});

/** An explicit grant to merge without waiting for a human, in automate mode only. */
export const AutomergeRule = z.strictObject({
  kind: z.literal("automerge"),
  ...base,
  actions: z.array(ActionKind).min(1),
  max_risk: Risk,
  environments: z.array(Glob).min(1),
});

export const PolicyRule = z.discriminatedUnion("kind", [
  AllowedActionsRule,
  PathBoundariesRule,
  RollbackScopeRule,
  BoundsRule,
  StepBudgetRule,
  RateLimitRule,
  ChangeFreezeRule,
  KillSwitchRule,
  ApprovalsRule,
  AutomergeRule,
]);
export type PolicyRule = z.infer<typeof PolicyRule>;
export type RuleKind = PolicyRule["kind"];
export type RuleOfKind<K extends RuleKind> = Extract<PolicyRule, { kind: K }>;

/** The id a rule is shown under: its own, or its kind in kebab-case. */
export const ruleIdOf = (rule: PolicyRule): string => rule.id ?? rule.kind.replace(/_/g, "-");
