import type { PolicyCheckRecord } from "../../schemas/policy-check-record.js";
import type { ReviewTally } from "../act/tally-reviews.js";
import { code } from "./markdown.js";
import { renderPolicyCheckMarker } from "./policy-check-marker.js";

export const POLICY_CHECK_NAME = "agenticops/policy";

/**
 * `success` passes branch protection, `action_required` and `failure` block it: a needs-approval
 * decision must not look green until the approvals are there (GitHub counts `neutral` as passing).
 */
export type PolicyCheckConclusion = "success" | "action_required" | "failure";

export interface PolicyCheckView {
  conclusion: PolicyCheckConclusion;
  title: string;
  summary: string;
  text: string;
}

export interface PolicyCheckInput {
  record: PolicyCheckRecord;
  /** the current tally on the head; null right after the pull request was opened (no reviews yet) */
  tally: ReviewTally | null;
  /** the repository's effective mode for this runbook: `automate` is the only one that merges */
  mode: string;
}

const MAX_REASON = 300;
const s = (n: number): string => (n === 1 ? "" : "s");
const cell = (text: string): string => {
  const line = text.replace(/\s+/g, " ").trim().replace(/\|/g, "\\|");
  return line.length <= MAX_REASON ? line : `${line.slice(0, MAX_REASON - 1)}…`;
};
const names = (logins: string[]): string => logins.map((l) => code(l)).join(", ");

const approvalsNeeded = (record: PolicyCheckRecord, tally: ReviewTally | null): number =>
  Math.max(0, record.requiredApprovals - (tally?.approvedBy.length ?? 0));

const conclusionOf = (record: PolicyCheckRecord, tally: ReviewTally | null): PolicyCheckConclusion => {
  if (record.verdict === "deny") return "failure";
  if (record.verdict === "needs-approval" && approvalsNeeded(record, tally) > 0) return "action_required";
  return "success";
};

const titleOf = (record: PolicyCheckRecord, tally: ReviewTally | null, conclusion: PolicyCheckConclusion): string => {
  if (conclusion === "failure") {
    const denial = record.rules.find((r) => r.verdict === "deny");
    return cell(`Denied ${record.action}${denial ? `: ${denial.reason}` : ""}`).slice(0, 200);
  }
  if (conclusion === "action_required") {
    const needed = approvalsNeeded(record, tally);
    return `Needs ${needed} more approval${s(needed)} of ${record.action} from a reviewer with write access`;
  }
  const approved = tally?.approvedBy ?? [];
  return approved.length > 0 ? `Allowed ${record.action}; approved by ${approved.join(", ")}`.slice(0, 200) : `Allowed ${record.action}`;
};

const approvalLines = (record: PolicyCheckRecord, tally: ReviewTally | null): string[] => {
  const counted = tally?.approvedBy ?? [];
  const head = `**Approvals:** ${counted.length} of ${record.requiredApprovals} required on ${code(record.sha.slice(0, 7))}${counted.length > 0 ? ` (${names(counted)})` : ""}.`;
  const ignored = (tally?.ignored ?? []).map((i) => `- not counted: ${code(i.login)} — ${cell(i.reason)}`);
  const changes = (tally?.changesRequestedBy.length ?? 0) > 0 ? [`- changes requested by ${names(tally?.changesRequestedBy ?? [])}: a human override, the bot will not merge`] : [];
  return [head, ...ignored, ...changes];
};

const automergeLine = (record: PolicyCheckRecord, mode: string): string => {
  if (!record.automerge.granted) return `**Automerge:** not granted — ${cell(record.automerge.reason)}. A human merges this pull request.`;
  if (mode !== "automate") return `**Automerge:** granted by policy, but the repository's mode is ${code(mode)}; a human merges this pull request.`;
  return `**Automerge:** granted — ${cell(record.automerge.reason)}. The bot merges once every required check passed on this exact commit and the approvals above are complete.`;
};

/**
 * The `agenticops/policy` check run: its conclusion, a one-line title, a summary listing every rule
 * that applied (id@hash, verdict, reason), and the decision record hidden in its text.
 */
export const renderPolicyCheck = (input: PolicyCheckInput): PolicyCheckView => {
  const { record, tally } = input;
  const conclusion = conclusionOf(record, tally);
  const summary = [
    `**Verdict:** ${record.verdict} · action ${code(record.action)} · risk ${record.risk} · runbook ${code(record.runbook ?? "none")} · incident ${code(record.incident)} · evaluated ${record.evaluatedAt}`,
    approvalLines(record, tally).join("\n"),
    automergeLine(record, input.mode),
    ["| rule | verdict | reason |", "|---|---|---|", ...record.rules.map((r) => `| ${code(r.rule)} | ${r.verdict} | ${cell(r.reason)} |`)].join("\n"),
  ].join("\n\n");
  const text = [
    "The decision was made on the commit above, before anything was written; a new push is not covered by it.",
    renderPolicyCheckMarker(record),
  ].join("\n\n");
  return { conclusion, title: titleOf(record, tally, conclusion), summary, text };
};
