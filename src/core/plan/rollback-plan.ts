import type { RevertTarget } from "../../ports/workspace.js";
import type { ActionProposal } from "../../schemas/action-proposal.js";

export interface PinEdit {
  file: string;
  path: (string | number)[];
  from: string;
  to: string;
  line: number;
}

/** What the planner decided: pin a value back, revert commits, or hand the incident to humans. */
export type RollbackPlan =
  | { kind: "pin"; proposal: ActionProposal; files: { path: string; text: string }[]; edits: PinEdit[] }
  | { kind: "revert"; proposal: ActionProposal; targets: RevertTarget[] }
  | { kind: "handoff"; reason: HandoffReason; detail: string };

export type HandoffReason = "workflow-files" | "not-a-descendant" | "no-commits" | "range-too-large" | "revert-conflict" | "revert-empty" | "denied" | "no-last-good";
