import { z } from "zod";
import type { ActionModule } from "./action-module.js";
import { CommitSha, RepoFilePath, short } from "./action-params.js";

export const RevertCommitsParams = z.strictObject({
  /** newest first, the order git reverts them in */
  commits: z.array(CommitSha).min(1).max(50),
  /** every file the commits changed (both paths of a rename) */
  files: z.array(RepoFilePath).min(1),
});
export type RevertCommitsParams = z.infer<typeof RevertCommitsParams>;

/**
 * Revert commits, newest first. The file contents are known only after git ran, so the changes
 * are of kind `revert`; act/ does the revert itself (publish-rollback).
 */
export const revertCommits: ActionModule<RevertCommitsParams> = {
  kind: "revert-commits",
  params: RevertCommitsParams,
  risk: "medium",
  effect: "pull-request",
  plan: async (params) => {
    const oldestFirst = [...params.commits].reverse().map(short).join(", ");
    return {
      kind: "planned",
      changes: [...new Set(params.files)].map((path) => ({ path, change: "revert", content: null, previous: null })),
      quantities: [],
      description: params.commits.map((sha) => `Revert ${short(sha)}.`),
      // The revert commit's SHA exists only once git ran, so no catalogued action can name it yet.
      inverse: { action: null, description: `Revert the revert commit, or cherry-pick ${oldestFirst} again (oldest first), to restore the reverted changes.` },
    };
  },
};
