import type { ChangePublisher } from "../../ports/change-publisher.js";
import type { GitAuthor, Workspace } from "../../ports/workspace.js";
import type { ActionProposal } from "../../schemas/action-proposal.js";
import type { RepoRef } from "../../schemas/signal.js";
import { publishRollback, type PublishResult } from "../act/publish-rollback.js";
import type { DeployedRange } from "../plan/find-deployed-range.js";

export interface RemediationTarget {
  repo: RepoRef;
  branch: string;
  /** the default branch and its tip: the change is made on what is there now */
  base: { branch: string; sha: string; tree: string };
  message: string;
  author: GitAuthor;
  clone: { url: string; token: () => Promise<string> };
}

export type RemediationPublish = PublishResult | { kind: "unsupported"; reason: string };

/** The files as the last step left them: one commit carries every step of the run. */
const finalFiles = (proposals: readonly ActionProposal[]): { path: string; text: string }[] | null => {
  const files = new Map<string, string>();
  for (const change of proposals.flatMap((p) => p.changes)) {
    if (change.content === null) return null;
    files.set(change.path, change.content);
  }
  return [...files].map(([path, text]) => ({ path, text }));
};

/**
 * The one bot commit of a runbook run, on its step branch: file edits through the Git Data API on
 * the default branch's tip; a revert of the deployed range through real git (the rollback path).
 * Creating the branch is the lock, as for rollbacks.
 */
export const publishRemediation = async (
  proposals: readonly ActionProposal[],
  range: DeployedRange | null,
  target: RemediationTarget,
  ports: { publisher: ChangePublisher; workspace: Workspace },
): Promise<RemediationPublish> => {
  const [first] = proposals;
  if (!first) return { kind: "unsupported", reason: "the runbook planned no step" };
  if (first.action === "revert-commits") {
    if (proposals.length > 1) return { kind: "unsupported", reason: "a revert cannot be combined with other steps in one commit" };
    if (!range) return { kind: "unsupported", reason: "no deployed range is known to revert" };
    const targets = range.commits.map((c) => ({ sha: c.sha, parents: c.parents.length }));
    const plan = { kind: "revert" as const, proposal: first, targets };
    return publishRollback(plan, { ...target, base: target.base.branch, failing: { sha: target.base.sha, tree: target.base.tree } }, ports);
  }
  if (proposals.some((p) => p.call !== undefined)) return { kind: "unsupported", reason: "API actions are not carried out from alerts" };
  const files = finalFiles(proposals);
  if (!files || files.length === 0) return { kind: "unsupported", reason: "the runbook's steps change no file" };
  return ports.publisher.commitToNewBranch(target.repo, { branch: target.branch, parent: target.base.sha, baseTree: target.base.tree, message: target.message, files, author: target.author });
};
