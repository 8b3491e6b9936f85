import type { ChangePublisher } from "../../ports/change-publisher.js";
import type { GitAuthor, Workspace } from "../../ports/workspace.js";
import type { RepoRef } from "../../schemas/signal.js";
import type { RollbackPlan } from "../plan/rollback-plan.js";

export type PublishResult =
  | { kind: "created"; sha: string }
  /** another delivery, replica or human created the branch first: write nothing more */
  | { kind: "exists" }
  | { kind: "conflict"; commit: string; files: string[] }
  | { kind: "empty" };

export interface PublishTarget {
  repo: RepoRef;
  branch: string;
  /** the default branch (a revert is applied on its tip) */
  base: string;
  /** the failing commit and its tree: an image pin is committed on top of what was deployed */
  failing: { sha: string; tree: string };
  message: string;
  author: GitAuthor;
  /** how to clone for a revert: URL and a fresh installation token */
  clone: { url: string; token: () => Promise<string> };
}

/**
 * The one bot commit on `agenticops/<incident>`. An image pin is built through the Git Data API
 * (no clone); a revert is done by real git in a blobless clone and pushed. Either way, creating
 * the branch is the lock that makes concurrent duplicates lose without writing anything.
 */
export const publishRollback = async (
  plan: Extract<RollbackPlan, { kind: "pin" | "revert" }>,
  target: PublishTarget,
  ports: { publisher: ChangePublisher; workspace: Workspace },
): Promise<PublishResult> => {
  if (plan.kind === "pin") {
    return ports.publisher.commitToNewBranch(target.repo, {
      branch: target.branch,
      parent: target.failing.sha,
      baseTree: target.failing.tree,
      message: target.message,
      files: plan.files,
      author: target.author,
    });
  }
  const oldest = plan.targets.at(-1)?.sha ?? target.failing.sha;
  const paths = plan.proposal.changes.map((c) => c.path);
  const session = await ports.workspace.open({ cloneUrl: target.clone.url, token: await target.clone.token(), baseBranch: target.base, since: oldest, paths });
  try {
    const outcome = await session.revert(plan.targets);
    if (outcome.kind === "conflict") return outcome;
    if (outcome.kind === "empty") return { kind: "empty" };
    const sha = await session.commit(target.message, target.author);
    const pushed = await session.pushNewBranch(target.branch);
    return pushed === "created" ? { kind: "created", sha } : { kind: "exists" };
  } finally {
    await session.close();
  }
};
