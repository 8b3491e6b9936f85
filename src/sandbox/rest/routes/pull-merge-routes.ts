import type { MergeMethod } from "../../git/git-store.js";
import type { PullIssue } from "../../render/render-pull.js";
import type { RepoState, UserRecord } from "../../state/sandbox-state.js";
import { actingUser, gitIdentityOf } from "../acting-user.js";
import { withRepoLock } from "../repo-lock.js";
import { requireRepo } from "../require-repo.js";
import { notFound, RestError, type RestContext, type RestRequest, type RestResponse, type RestRoute } from "../rest-route.js";
import { bodyObject, optionalEnum, optionalString } from "../route-input.js";
import { syncPullHeads } from "../sync-pull-heads.js";
import { branchSha } from "./pull-create.js";
import { pullDiff, requirePull } from "./pull-lookup.js";

const MERGE = "/repos/{owner}/{repo}/pulls/{pull_number}/merge";
const NOT_MERGEABLE = "Pull Request is not mergeable";

interface MergeInput {
  method: MergeMethod;
  sha: string | undefined;
  title: string | undefined;
  message: string | undefined;
}

/** GitHub's default merge commit messages for each method. */
const commitMessage = async (ctx: RestContext, repoState: RepoState, issue: PullIssue, input: MergeInput): Promise<string> => {
  const { owner } = repoState.repo;
  if (input.method === "merge") {
    const title = input.title ?? `Merge pull request #${issue.number} from ${owner}/${issue.pull.head}`;
    return `${title}\n\n${input.message ?? issue.title}`;
  }
  const commits = (await pullDiff(ctx, repoState, issue))?.commits ?? [];
  const title = input.title ?? `${issue.title} (#${issue.number})`;
  return `${title}\n\n${input.message ?? commits.map((c) => `* ${c.message}`).join("\n\n")}`;
};

/**
 * The merge button: the head must still be the sha the caller reviewed (409 otherwise) and merge
 * without conflicts (405). It moves the base branch and closes the pull request.
 */
const mergeLocked = async (ctx: RestContext, repoState: RepoState, issue: PullIssue, user: UserRecord, input: MergeInput): Promise<RestResponse> => {
  const { owner, name } = repoState.repo;
  if (issue.state !== "open") throw new RestError(405, NOT_MERGEABLE);
  if (issue.pull.draft) throw new RestError(405, "Pull Request is still a draft");
  // The branch itself, not the recorded head: a push that nobody synced yet still counts.
  const head = (await branchSha(ctx, repoState, issue.pull.head)) ?? issue.pull.headSha;
  if (input.sha !== undefined && input.sha !== head) throw new RestError(409, "Head branch was modified. Review and try the merge again.");
  const baseBefore = await branchSha(ctx, repoState, issue.pull.base);
  if (baseBefore === null) throw new RestError(422, "Base branch was deleted");
  const message = await commitMessage(ctx, repoState, { ...issue, pull: { ...issue.pull, headSha: head } }, input);
  const result = await ctx.git.merge(owner, name, issue.pull.base, head, input.method, message, gitIdentityOf(user, ctx.state.timestamp()));
  if (!result.ok) throw new RestError(405, NOT_MERGEABLE);
  const now = ctx.state.timestamp();
  Object.assign(issue.pull, { merged: true, mergedAt: now, mergedBy: user.login, mergeCommitSha: result.sha, headSha: head, baseSha: baseBefore });
  Object.assign(issue, { state: "closed", closedAt: now, updatedAt: now, stateReason: null });
  await syncPullHeads(ctx, owner, name);
  return { status: 200, body: { sha: result.sha, merged: true, message: "Pull Request successfully merged" } };
};

const mergePull = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const repoState = requireRepo(ctx, req.params);
  const user = actingUser(req, ctx);
  const issue = requirePull(repoState, req.params);
  const body = bodyObject(req);
  const input: MergeInput = {
    method: optionalEnum(body, "merge_method", ["merge", "squash", "rebase"] as const) ?? "merge",
    sha: optionalString(body, "sha"),
    title: optionalString(body, "commit_title"),
    message: optionalString(body, "commit_message"),
  };
  return withRepoLock(repoState, () => mergeLocked(ctx, repoState, issue, user, input));
};

const checkMerged = (req: RestRequest, ctx: RestContext): RestResponse => {
  const issue = requirePull(requireRepo(ctx, req.params), req.params);
  if (!issue.pull.merged) throw notFound();
  return { status: 204 };
};

export const pullMergeRoutes: RestRoute[] = [
  { method: "PUT", path: MERGE, handler: mergePull },
  { method: "GET", path: MERGE, handler: checkMerged },
];
