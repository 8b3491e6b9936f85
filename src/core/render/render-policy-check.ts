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
  /** set when humans pushed to the branch: the head is then not the commit the decision judged */
  changed?: { headSha: string; by: string[] };
  /** why a kill switch stops the bot: the check then fails, whatever the decision said */
  stopped?: string;
}

const MAX_REASON = 300;
const s = (n: number): string => (n === 1 ? "" : "s");
const cell = (text: string): string => {
  const line = text.replace(/\s+/g, " ").trim().replace(/\|/g, "\\|");
  return line.length <= MAX_REASON ? line : `${line.slice(0, MAX_REASON - 1)}…`;
};
const names = (logins: string[]): string => logins.map((l) => code(l)).join(", ");

/** A human change was never judged by the policy: it needs at least one approval by someone else. */
const approvalsRequired = (input: PolicyCheckInput): number => (input.changed ? Math.max(1, input.record.requiredApprovals) : input.record.requiredApprovals);

const approvalsNeeded = (input: PolicyCheckInput): number => Math.max(0, approvalsRequired(input) - (input.tally?.approvedBy.length ?? 0));

const missingOf = (input: PolicyCheckInput): string[] => input.tally?.missing ?? [];

const conclusionOf = (input: PolicyCheckInput): PolicyCheckConclusion => {
  if (input.record.verdict === "deny" || input.stopped) return "failure";
  if ((input.changed || input.record.verdict === "needs-approval") && (approvalsNeeded(input) > 0 || missingOf(input).length > 0)) return "action_required";
  return "success";
};

const titleOf = (input: PolicyCheckInput, conclusion: PolicyCheckConclusion): string => {
  const { record } = input;
  if (input.stopped) return cell(`Stopped: ${input.stopped}`).slice(0, 200);
  if (conclusion === "failure") {
    const denial = record.rules.find((r) => r.verdict === "deny");
    return cell(`Denied ${record.action}${denial ? `: ${denial.reason}` : ""}`).slice(0, 200);
  }
  const prefix = input.changed ? `Changed by ${input.changed.by.join(", ")} after the policy decision` : `Allowed ${record.action}`;
  if (conclusion === "action_required") {
    const needed = approvalsNeeded(input);
    if (needed === 0) return `${input.changed ? `${prefix}: needs` : "Needs"} ${missingOf(input).join("; ")}`.slice(0, 200);
    const who = input.changed ? "a reviewer with write access who did not push" : "a reviewer with write access";
    return `${input.changed ? `${prefix}: needs` : "Needs"} ${needed} more approval${s(needed)}${input.changed ? "" : ` of ${record.action}`} from ${who}`.slice(0, 200);
  }
  const approved = input.tally?.approvedBy ?? [];
  // an allowed change is not blocked by the check, but a reader should see what the merge still waits for
  const still = missingOf(input).length > 0 ? `; still needs ${missingOf(input).join("; ")}` : "";
  return `${approved.length > 0 ? `${prefix}; approved by ${approved.join(", ")}` : prefix}${still}`.slice(0, 200);
};

const changedLine = (input: PolicyCheckInput): string[] =>
  input.changed
    ? [
        `**Changed after the decision:** ${names(input.changed.by)} pushed to the branch. The decision below judged the bot's commit ${code(input.record.sha.slice(0, 7))}, not the head ${code(input.changed.headSha.slice(0, 7))}: a reviewer with write access who did not push must approve the head, and the bot will not merge it.`,
      ]
    : [];

const approvalLines = (input: PolicyCheckInput): string[] => {
  const { tally } = input;
  const counted = tally?.approvedBy ?? [];
  const at = input.changed?.headSha ?? input.record.sha;
  const head = `**Approvals:** ${counted.length} of ${approvalsRequired(input)} required on ${code(at.slice(0, 7))}${counted.length > 0 ? ` (${names(counted)})` : ""}.`;
  const ignored = (tally?.ignored ?? []).map((i) => `- not counted: ${code(i.login)} — ${cell(i.reason)}`);
  const missing = missingOf(input).map((m) => `- still needed: ${cell(m)}`);
  const changes = (tally?.changesRequestedBy.length ?? 0) > 0 ? [`- changes requested by ${names(tally?.changesRequestedBy ?? [])}: a human override, the bot will not merge`] : [];
  return [head, ...ignored, ...missing, ...changes];
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
  const { record } = input;
  const conclusion = conclusionOf(input);
  const summary = [
    ...(input.stopped ? [`**Kill switch:** ${cell(input.stopped)}. The bot writes and merges nothing until it is off; the decision below no longer stands.`] : []),
    ...changedLine(input),
    `**Verdict:** ${record.verdict} · action ${code(record.action)} · risk ${record.risk} · runbook ${code(record.runbook ?? "none")} · incident ${code(record.incident)} · evaluated ${record.evaluatedAt}`,
    approvalLines(input).join("\n"),
    automergeLine(record, input.mode),
    ["| rule | verdict | reason |", "|---|---|---|", ...record.rules.map((r) => `| ${code(r.rule)} | ${r.verdict} | ${cell(r.reason)} |`)].join("\n"),
  ].join("\n\n");
  const text = [
    "The decision was made on the commit above, before anything was written; a new push is not covered by it.",
    renderPolicyCheckMarker(record),
  ].join("\n\n");
  return { conclusion, title: titleOf(input, conclusion), summary, text };
};
