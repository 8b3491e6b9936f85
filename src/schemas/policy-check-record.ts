import { z } from "zod";
import { IncidentId } from "./incident.js";
import { ApprovalRequirement, RuleResult, Verdict } from "./policy-decision.js";
import { Risk } from "./action-proposal.js";

/** Whether the policy lets the bot merge its own pull request, and why (a rule said so, or none did). */
export const AutomergeGrant = z.strictObject({
  granted: z.boolean(),
  reason: z.string().min(1),
});
export type AutomergeGrant = z.infer<typeof AutomergeGrant>;

/**
 * The policy decision on one bot commit, as the `agenticops/policy` check run keeps it. Only the
 * app that created a check run can change it, so this copy (unlike the editable PR body) is what
 * later reviews and the automerge decision trust.
 */
export const PolicyCheckRecord = z.strictObject({
  incident: IncidentId,
  action: z.string().min(1),
  runbook: z.string().nullable(),
  risk: Risk,
  verdict: Verdict,
  rules: z.array(RuleResult),
  requiredApprovals: z.number().int().min(0),
  /** who must approve; records written before it existed need `requiredApprovals` of anyone */
  approvals: ApprovalRequirement.optional(),
  automerge: AutomergeGrant,
  evaluatedAt: z.iso.datetime({ offset: true }),
  /** the commit the decision judged: the bot's one commit on its branch */
  sha: z.string().regex(/^[0-9a-f]{40}$/),
});
export type PolicyCheckRecord = z.infer<typeof PolicyCheckRecord>;
