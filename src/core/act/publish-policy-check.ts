import type { ChangePublisher } from "../../ports/change-publisher.js";
import type { Logger } from "../../ports/logger.js";
import type { ActionProposal } from "../../schemas/action-proposal.js";
import type { PolicyDecision } from "../../schemas/policy-decision.js";
import type { AutomergeGrant, PolicyCheckRecord } from "../../schemas/policy-check-record.js";
import type { RepoRef } from "../../schemas/signal.js";
import { isAgenticOpsError } from "../model/agenticops-error.js";
import { POLICY_CHECK_NAME, renderPolicyCheck } from "../render/render-policy-check.js";

/** What the decision says about the bot merging its own change, and why. */
export const automergeGrant = (decision: PolicyDecision): AutomergeGrant => ({ granted: decision.automerge.granted, reason: decision.automerge.reason });

/** The decision on `sha`, in the form the check run keeps. */
export const policyCheckRecord = (decision: PolicyDecision, proposal: ActionProposal, sha: string): PolicyCheckRecord => ({
  incident: proposal.incidentId,
  action: proposal.action,
  runbook: proposal.runbookId,
  risk: proposal.risk,
  verdict: decision.verdict,
  rules: decision.rules,
  requiredApprovals: decision.requiredApprovals,
  approvals: decision.approvals,
  automerge: automergeGrant(decision),
  evaluatedAt: decision.evaluatedAt,
  sha,
});

/**
 * The decision made visible as the `agenticops/policy` check run on the bot's commit. The pull
 * request is already open: a failure here is logged, not fatal — without the check, the bot never
 * merges (the automerge decision requires it) and a required check keeps humans from merging blind.
 */
export const publishPolicyCheck = async (
  ports: { publisher: ChangePublisher; log: Logger },
  /** `sha`: the commit the bot just created for the pull request */
  input: { repo: RepoRef; decision: PolicyDecision; proposal: ActionProposal; sha: string; mode: string },
): Promise<void> => {
  const record = policyCheckRecord(input.decision, input.proposal, input.sha);
  const view = renderPolicyCheck({ record, tally: null, mode: input.mode });
  try {
    const result = await ports.publisher.ensureCheckRun(input.repo, { name: POLICY_CHECK_NAME, headSha: input.sha, ...view }, { fresh: true });
    ports.log.info({ incident: record.incident, check: result.id, conclusion: view.conclusion, result: result.kind }, "policy check published");
  } catch (error) {
    if (!isAgenticOpsError(error, "CODE_HOST_FAILED")) throw error;
    ports.log.warn({ incident: record.incident, err: error.message }, "policy check could not be published; the bot will not merge this pull request");
  }
};
