import type { ChangePublisher } from "../../ports/change-publisher.js";
import type { RepoRef } from "../../schemas/signal.js";

/**
 * Why a rollback must not be proposed (again), or null. GitHub is the memory: an open pull request
 * from the incident's branch is the proposal; a closed, unmerged one is a human's "no".
 */
export const checkExistingRollback = async (publisher: ChangePublisher, repo: RepoRef, branch: string): Promise<string | null> => {
  const prs = await publisher.findPullRequests(repo, branch);
  const open = prs.find((p) => p.state === "open");
  if (open) return `rollback pull request #${open.number} is already open`;
  const merged = prs.find((p) => p.merged);
  if (merged) return `rollback pull request #${merged.number} was merged`;
  const refused = prs.find((p) => p.state === "closed");
  if (refused) return `rollback pull request #${refused.number} was closed without merging; not proposing it again`;
  return null;
};
