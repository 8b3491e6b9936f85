import type { RepoState } from "../../state/sandbox-state.js";
import { RestError, type RestContext } from "../rest-route.js";

/**
 * The commit sha a branch, tag or sha names in the repository. GitHub answers an unknown one with
 * "No commit found for SHA" — 422 on the checks and statuses-create endpoints, 404 on status reads.
 */
export const requireCommitSha = async (ctx: RestContext, repoState: RepoState, ref: string, status: 404 | 422): Promise<string> => {
  const sha = ref === "" ? null : await ctx.git.resolve(repoState.repo.owner, repoState.repo.name, ref);
  if (!sha) throw new RestError(status, `No commit found for SHA: ${ref}`);
  return sha;
};

/** The branch whose tip is `sha` (the default branch when it is one of them); "" when none is. */
export const branchAt = async (ctx: RestContext, repoState: RepoState, sha: string): Promise<string> => {
  const refs = await ctx.git.listRefs(repoState.repo.owner, repoState.repo.name, "refs/heads/");
  const branches = refs.filter((r) => r.sha === sha).map((r) => r.ref.replace(/^refs\/heads\//, ""));
  return branches.includes(repoState.repo.defaultBranch) ? repoState.repo.defaultBranch : (branches[0] ?? "");
};
