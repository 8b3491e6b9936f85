import { z } from "zod";

export const Verdict = z.enum(["allow", "needs-approval", "deny"]);
export type Verdict = z.infer<typeof Verdict>;

export const RuleResult = z.strictObject({
  /** policy rule id with a short content hash, e.g. `rollback-scope@3e1a` */
  rule: z.string().min(1),
  verdict: Verdict,
  reason: z.string().min(1),
});
export type RuleResult = z.infer<typeof RuleResult>;

/** The gate's answer on a concrete proposal, with every rule that applied. Fails closed. */
export const PolicyDecision = z.strictObject({
  verdict: Verdict,
  rules: z.array(RuleResult),
  requiredApprovals: z.number().int().min(0),
  evaluatedAt: z.iso.datetime(),
});
export type PolicyDecision = z.infer<typeof PolicyDecision>;
