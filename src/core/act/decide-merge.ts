import type { PolicyCheckRecord } from "../../schemas/policy-check-record.js";
import { judgeChecks, type CheckFact } from "./check-outcome.js";
import type { ReviewTally } from "./tally-reviews.js";

export const OVERRIDE_LABEL = "agenticops/overridden";

/** Everything the bot knows about its open pull request when deciding whether to merge it. */
export interface MergeFacts {
  /** the effective mode (repository, or the runbook's own) read from the default branch now */
  mode: string;
  pullRequest: { state: "open" | "closed"; merged: boolean; draft: boolean; headSha: string; labels: string[] };
  /** the decision recorded in the bot's `agenticops/policy` check run on the head; null when there is none */
  record: PolicyCheckRecord | null;
  /** that check run's conclusion, as it stands */
  policyConclusion: string | null;
  /** authors of the pull request's commits other than the bot */
  humanCommitters: string[];
  tally: ReviewTally;
  /** every check run and commit status on the head, the bot's own policy check excluded */
  checks: CheckFact[];
  /** checks branch protection or rulesets require; null when none are configured or readable */
  requiredChecks: string[] | null;
  /** why a kill switch stops the bot, or null */
  stopped: string | null;
  /** change-freeze windows that hold now (a freeze may have begun after the policy decision) */
  freezes?: string[];
}

export type MergeDecision = { kind: "merge"; sha: string } | { kind: "wait"; reasons: string[] } | { kind: "refuse"; reasons: string[] };

const s = (n: number): string => (n === 1 ? "" : "s");

/** Reasons only a human or a config change can lift. */
const refusals = (facts: MergeFacts): string[] => {
  const { pullRequest: pr, record } = facts;
  const at = pr.headSha.slice(0, 7);
  if (pr.merged) return ["the pull request is already merged"];
  if (pr.state !== "open") return ["the pull request is closed"];
  const reasons: string[] = [];
  if (facts.stopped) reasons.push(`stopped: ${facts.stopped}`);
  if (facts.mode !== "automate") reasons.push(`the effective mode is ${facts.mode}, not automate: a human merges`);
  if (pr.draft) reasons.push("the pull request is a draft");
  if (record === null) reasons.push(`no policy decision of the bot covers the head ${at}`);
  else if (record.sha !== pr.headSha) reasons.push(`the policy decision covers ${record.sha.slice(0, 7)}, not the head ${at}`);
  else if (record.verdict === "deny") reasons.push("the policy denies this change");
  else if (!record.automerge.granted) reasons.push(`the policy grants no automerge for ${record.action} at risk ${record.risk}: ${record.automerge.reason}`);
  if (facts.humanCommitters.length > 0) reasons.push(`commits by ${facts.humanCommitters.join(", ")} are on the branch: the policy judged only the bot's change`);
  if (pr.labels.includes(OVERRIDE_LABEL)) reasons.push(`a human override is recorded (label ${OVERRIDE_LABEL})`);
  if (facts.tally.changesRequestedBy.length > 0) reasons.push(`changes requested by ${facts.tally.changesRequestedBy.join(", ")}`);
  return reasons;
};

/** Reasons time, CI or reviewers resolve. */
const waits = (facts: MergeFacts, record: PolicyCheckRecord): string[] => {
  const at = facts.pullRequest.headSha.slice(0, 7);
  const reasons: string[] = [];
  const counted = facts.tally.approvedBy.length;
  if (counted < record.requiredApprovals) reasons.push(`needs ${record.requiredApprovals} approval${s(record.requiredApprovals)} on ${at}, has ${counted}`);
  reasons.push(...facts.tally.missing.map((m) => `needs ${m} on ${at}`));
  if (facts.policyConclusion !== "success") reasons.push(`the agenticops/policy check is ${facts.policyConclusion ?? "missing"}, not success`);
  const freezes = facts.freezes ?? [];
  if (freezes.length > 0) reasons.push(`the change freeze ${freezes.map((f) => `"${f}"`).join(", ")} holds now: the bot does not merge until it ends (a human may)`);
  return reasons;
};

/**
 * Whether the bot merges its own pull request now. Only when everything holds: automate mode, a
 * policy decision on this exact head that grants automerge, no human commits, override or requested
 * changes, the approvals the policy requires, and every required check passed on the head. The
 * merge is pinned to the head SHA, so a push after this decision makes GitHub refuse it.
 */
export const decideMerge = (facts: MergeFacts): MergeDecision => {
  const refused = refusals(facts);
  const checks = judgeChecks(facts.checks, facts.requiredChecks, facts.pullRequest.headSha);
  // a missing record is already among the refusals
  if (refused.length > 0 || checks.failed.length > 0 || facts.record === null) return { kind: "refuse", reasons: [...refused, ...checks.failed] };
  const waiting = [...waits(facts, facts.record), ...checks.pending];
  if (waiting.length > 0) return { kind: "wait", reasons: waiting };
  return { kind: "merge", sha: facts.pullRequest.headSha };
};
