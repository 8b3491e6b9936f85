import type { IssueRecord, RepoState } from "../../state/sandbox-state.js";
import type { PullIssue } from "../../render/render-pull.js";
import { actingUser } from "../acting-user.js";
import { withRepoLock } from "../repo-lock.js";
import { unprocessable, type RestContext, type RestRequest } from "../rest-route.js";
import { bodyObject, optionalBoolean, optionalString, requiredString } from "../route-input.js";

const invalid = (field: string) => unprocessable("Validation Failed", [{ resource: "PullRequest", field, code: "invalid" }]);
const custom = (message: string) => unprocessable("Validation Failed", [{ resource: "PullRequest", code: "custom", message }]);

/** `owner:branch` or `branch` naming a branch of this repository (forks do not exist in the sandbox). */
export const ownBranch = (repoState: RepoState, value: string): string | null => {
  const colon = value.indexOf(":");
  if (colon < 0) return value;
  return value.slice(0, colon).toLowerCase() === repoState.repo.owner.toLowerCase() ? value.slice(colon + 1) : null;
};

export const branchSha = (ctx: RestContext, repoState: RepoState, branch: string): Promise<string | null> =>
  ctx.git.resolve(repoState.repo.owner, repoState.repo.name, `refs/heads/${branch}`);

/** The open pull request from `head` into `base`, which GitHub allows only once. */
export const openDuplicate = (repoState: RepoState, head: string, base: string, except?: number): IssueRecord | undefined =>
  repoState.issues.find((i) => i.pull && i.state === "open" && i.number !== except && i.pull.head === head && i.pull.base === base);

export const duplicateError = (repoState: RepoState, head: string) => custom(`A pull request already exists for ${repoState.repo.owner}:${head}.`);

/**
 * Opens a pull request with GitHub's validation: both branches exist, no open duplicate, at least
 * one commit between them. The check and the insert run under the repository lock.
 */
export const createPull = (req: RestRequest, ctx: RestContext, repoState: RepoState): Promise<PullIssue> => {
  const author = actingUser(req, ctx);
  const body = bodyObject(req);
  const title = requiredString(body, "title", "PullRequest");
  const head = ownBranch(repoState, requiredString(body, "head", "PullRequest"));
  const base = ownBranch(repoState, requiredString(body, "base", "PullRequest"));
  if (head === null) throw invalid("head");
  if (base === null) throw invalid("base");
  const text = optionalString(body, "body") ?? null;
  const draft = optionalBoolean(body, "draft") ?? false;
  const maintainerCanModify = optionalBoolean(body, "maintainer_can_modify") ?? true;
  return withRepoLock(repoState, async () => {
    const [headSha, baseSha] = [await branchSha(ctx, repoState, head), await branchSha(ctx, repoState, base)];
    if (baseSha === null) throw invalid("base");
    if (headSha === null) throw invalid("head");
    if (openDuplicate(repoState, head, base)) throw duplicateError(repoState, head);
    const diff = await ctx.git.compare(repoState.repo.owner, repoState.repo.name, baseSha, headSha);
    if (!diff) throw custom(`The ${head} branch has no history in common with ${base}`);
    if (diff.aheadBy === 0) throw custom(`No commits between ${base} and ${head}`);
    const now = ctx.state.timestamp();
    const issue: PullIssue = {
      number: ctx.state.nextNumber(repoState),
      id: ctx.state.id(),
      title,
      body: text,
      user: author.login,
      state: "open",
      stateReason: null,
      labels: [],
      assignees: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      reactions: [],
      pull: {
        id: ctx.state.id(),
        head,
        headSha,
        base,
        baseSha,
        draft,
        merged: false,
        mergedAt: null,
        mergedBy: null,
        mergeCommitSha: null,
        maintainerCanModify,
        requestedReviewers: [],
        requestedTeams: [],
        reviews: [],
      },
    };
    repoState.issues.push(issue);
    return issue;
  });
};
