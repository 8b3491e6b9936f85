import type { PolicyCheckRecord } from "../../schemas/policy-check-record.js";
import { formatCommitMessage, parseCommitTrailers, type AgenticopsTrailers } from "./commit-trailers.js";

export interface MergeMessageInput {
  number: number;
  owner: string;
  headRef: string;
  title: string;
  headSha: string;
  /** the bot's commit message: its trailers are kept */
  botCommitMessage: string;
  record: PolicyCheckRecord;
  approvedBy: string[];
}

/** The bot commit's four trailers, or the same facts from the decision record when the commit lacks them. */
const trailersOf = (input: MergeMessageInput): AgenticopsTrailers => {
  const parsed = parseCommitTrailers(input.botCommitMessage);
  const { record } = input;
  return {
    incident: parsed.incident ?? record.incident,
    action: parsed.action ?? record.action,
    runbook: parsed.runbook ?? record.runbook ?? "none",
    policy: parsed.policy ?? `${record.verdict} (${record.rules.map((r) => r.rule).join(", ")})`,
  };
};

const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

/**
 * GitHub's merge-commit title, and a message whose last paragraph is the trailer block: the four
 * Agenticops trailers, how it was merged, and who approved, so `git log` on the base branch is the audit trail.
 */
export const formatMergeMessage = (input: MergeMessageInput): { title: string; message: string } => {
  const why = `Merged by AgenticOps in automate mode: the policy granted automerge (${input.record.automerge.reason}) and every required check passed on ${input.headSha.slice(0, 7)}.`;
  const extra = [`Agenticops-Merge: automate ${input.headSha}`, ...input.approvedBy.map((login) => `Agenticops-Approved-By: ${oneLine(login)}`)];
  return {
    title: `Merge pull request #${input.number} from ${input.owner}/${input.headRef}`,
    message: `${formatCommitMessage(input.title, why, trailersOf(input))}${extra.join("\n")}\n`,
  };
};
