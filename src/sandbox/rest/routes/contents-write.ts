import { AgenticOpsError } from "../../../core/model/agenticops-error.js";
import type { GitIdentity } from "../../git/git-store.js";
import type { RepoState } from "../../state/sandbox-state.js";
import { withRepoLock } from "../repo-lock.js";
import { RestError, type RestContext } from "../rest-route.js";
import { syncPullHeads } from "../sync-pull-heads.js";

export interface FileWrite {
  branch: string;
  path: string;
  /** new content; null deletes */
  content: Buffer | null;
  /** the blob sha the caller last saw (required when the file exists) */
  expectedSha: string | undefined;
  message: string;
  author: GitIdentity;
  committer: GitIdentity;
}

export interface FileWriteResult {
  commitSha: string;
  blobSha: string | null;
  created: boolean;
}

/**
 * One commit changing one file, with GitHub's optimistic concurrency: the caller's `sha` must name
 * the file's current blob, and the branch only fast-forwards (a concurrent writer gets 409).
 */
export const writeFile = (ctx: RestContext, repoState: RepoState, write: FileWrite): Promise<FileWriteResult> =>
  withRepoLock(repoState, async () => {
    const { owner, name, defaultBranch } = repoState.repo;
    const ref = `refs/heads/${write.branch}`;
    const tip = await ctx.git.resolve(owner, name, ref);
    // An empty repository gets its first commit on the default branch; other branches must exist.
    const emptyRepo = tip === null && write.branch === defaultBranch && (await ctx.git.listRefs(owner, name)).length === 0;
    if (tip === null && !emptyRepo) throw new RestError(404, `Branch ${write.branch} not found`);
    const existing = tip === null ? null : await ctx.git.readPath(owner, name, tip, write.path);
    checkExpectedSha(write, existing?.type === "file" ? existing.sha : null, existing?.type === "dir");
    const blobSha = write.content === null ? null : await ctx.git.createBlob(owner, name, write.content);
    const baseTree = tip === null ? undefined : (await ctx.git.getCommit(owner, name, tip))?.tree;
    const tree = await ctx.git.createTree(owner, name, baseTree, [{ path: write.path, mode: "100644", type: "blob", sha: blobSha }]);
    const commitSha = await ctx.git.createCommit(owner, name, {
      message: write.message,
      tree,
      parents: tip === null ? [] : [tip],
      author: write.author,
      committer: write.committer,
    });
    const result = await ctx.git.updateRef(owner, name, ref, commitSha, { create: tip === null });
    if (result !== "ok") throw new RestError(409, `${write.path} does not match ${write.expectedSha ?? "the branch head"}`);
    await syncPullHeads(ctx, owner, name);
    return { commitSha, blobSha, created: existing === null };
  });

const checkExpectedSha = (write: FileWrite, currentSha: string | null, isDir: boolean): void => {
  if (isDir) throw new RestError(422, `Invalid request.\n\n"${write.path}" is a directory.`);
  if (write.content === null && currentSha === null) throw new RestError(404, "Not Found");
  if (currentSha === null) return;
  if (write.expectedSha === undefined) throw new RestError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
  if (write.expectedSha !== currentSha) throw new RestError(409, `${write.path} does not match ${write.expectedSha}`);
};

/** Git's typed failures on caller input (bad path, unknown object) as GitHub's 422. */
export const asUnprocessable = (error: unknown): never => {
  if (error instanceof AgenticOpsError && (error.code === "GIT_FAILED" || error.code === "NOT_FOUND")) {
    throw new RestError(422, error.message);
  }
  throw error;
};
