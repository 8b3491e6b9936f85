import { z } from "zod";

export const Verdict = z.enum(["allow", "needs-approval", "deny"]);
export type Verdict = z.infer<typeof Verdict>;

export const RuleResult = z.strictObject({
  /** policy rule id with a short content hash, e.g. `rollback-scope@3e1a` */
  rule: z.string().min(1),
  verdict: Verdict,
  reason: z.string().min(1),
  /** the policy the rule belongs to: a file's id, `builtin`, or `repository` (.github/agenticops.yml) */
  policy: z.string().min(1).optional(),
});
export type RuleResult = z.infer<typeof RuleResult>;

/** Who must approve before a change merges: the strictest of every approvals rule that applied. */
export const ApprovalRequirement = z.strictObject({
  count: z.number().int().min(0),
  /** `org/team`: each listed team needs an approval from one of its members */
  teams: z.array(z.string().min(1)),
  /** the code owners of every changed file that has owners must approve */
  codeowners: z.boolean(),
});
export type ApprovalRequirement = z.infer<typeof ApprovalRequirement>;

/** The gate's answer on a concrete proposal, with every rule that applied. Fails closed. */
export const PolicyDecision = z.strictObject({
  verdict: Verdict,
  rules: z.array(RuleResult),
  /** approvals needed to merge; 0 when denied */
  requiredApprovals: z.number().int().min(0),
  approvals: ApprovalRequirement,
  /** an explicit automerge grant applied (automate mode, verdict allow); `rule` names it, `reason` says why or why not */
  automerge: z.strictObject({ granted: z.boolean(), rule: z.string().min(1).nullable(), reason: z.string().min(1) }),
  evaluatedAt: z.iso.datetime(),
});
export type PolicyDecision = z.infer<typeof PolicyDecision>;
