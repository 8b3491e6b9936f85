import { renderCommit, renderDiffEntry } from "../../render/render-commit.js";
import { repoBase } from "../../render/render-env.js";
import { renderPull, renderPullSimple, type PullIssue } from "../../render/render-pull.js";
import type { RepoState } from "../../state/sandbox-state.js";
import { actingUser } from "../acting-user.js";
import { paginate } from "../paginate.js";
import { withRepoLock } from "../repo-lock.js";
import { requireRepo } from "../require-repo.js";
import { unprocessable, type RestContext, type RestRequest, type RestResponse, type RestRoute } from "../rest-route.js";
import { bodyObject, optionalBoolean, optionalEnum, optionalString, sortByTime } from "../route-input.js";
import { branchSha, createPull, duplicateError, openDuplicate, ownBranch } from "./pull-create.js";
import { pullDiff, pullFigures, requirePull } from "./pull-lookup.js";
import { pullMergeRoutes } from "./pull-merge-routes.js";
import { pullReviewsRoutes } from "./pull-reviews-routes.js";

const PULLS = "/repos/{owner}/{repo}/pulls";
const PULL = `${PULLS}/{pull_number}`;

const full = async (ctx: RestContext, repoState: RepoState, issue: PullIssue, status = 200): Promise<RestResponse> => ({
  status,
  body: renderPull(ctx, repoState, issue, await pullFigures(ctx, repoState, issue)),
});

const SORTS: Record<string, { key: (p: PullIssue, repoState: RepoState) => string; direction: "asc" | "desc" }> = {
  created: { key: (p) => p.createdAt, direction: "desc" },
  updated: { key: (p) => p.updatedAt, direction: "asc" },
  "long-running": { key: (p) => p.createdAt, direction: "asc" },
  popularity: { key: (p, r) => String(r.comments.filter((c) => c.issueNumber === p.number).length).padStart(9, "0"), direction: "asc" },
};

const listPulls = (req: RestRequest, ctx: RestContext): RestResponse => {
  const repoState = requireRepo(ctx, req.params);
  const { state = "open", head, base, sort = "created", direction } = req.query;
  const headBranch = head ? ownBranch(repoState, head) : undefined;
  const pulls = repoState.issues.filter(
    (i): i is PullIssue =>
      i.pull !== undefined &&
      (state === "all" || i.state === state) &&
      (head === undefined || (headBranch !== null && i.pull.head === headBranch)) &&
      (base === undefined || i.pull.base === base),
  );
  const order = SORTS[sort] ?? SORTS["created"]!;
  const sorted = sortByTime(pulls, (p) => order.key(p, repoState), direction, order.direction);
  const page = paginate(sorted, req.query, `${repoBase(ctx, repoState.repo).api}/pulls`);
  return { status: 200, body: page.items.map((p) => renderPullSimple(ctx, repoState, p)), headers: page.headers };
};

const openPull = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const repoState = requireRepo(ctx, req.params);
  const issue = await createPull(req, ctx, repoState);
  const response = await full(ctx, repoState, issue, 201);
  return { ...response, headers: { location: `${repoBase(ctx, repoState.repo).api}/pulls/${issue.number}` } };
};

const getPull = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const repoState = requireRepo(ctx, req.params);
  return full(ctx, repoState, requirePull(repoState, req.params));
};

/** Reopening needs the head branch and no other open pull request for the same branches. */
const setState = async (ctx: RestContext, repoState: RepoState, issue: PullIssue, state: "open" | "closed"): Promise<void> => {
  if (state === issue.state) return;
  if (state === "closed") {
    issue.state = "closed";
    issue.closedAt = ctx.state.timestamp();
    return;
  }
  const headSha = await branchSha(ctx, repoState, issue.pull.head);
  if (issue.pull.merged || headSha === null) {
    throw unprocessable("Validation Failed", [{ resource: "PullRequest", code: "custom", message: "state cannot be changed. The pull request cannot be reopened." }]);
  }
  if (openDuplicate(repoState, issue.pull.head, issue.pull.base, issue.number)) throw duplicateError(repoState, issue.pull.head);
  Object.assign(issue, { state: "open", closedAt: null, stateReason: "reopened" });
  issue.pull.headSha = headSha;
};

const updatePull = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const repoState = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const issue = requirePull(repoState, req.params);
  const body = bodyObject(req);
  const state = optionalEnum(body, "state", ["open", "closed"] as const);
  const base = optionalString(body, "base");
  await withRepoLock(repoState, async () => {
    const baseSha = base === undefined ? null : await branchSha(ctx, repoState, base);
    if (base !== undefined && baseSha === null) throw unprocessable("Validation Failed", [{ resource: "PullRequest", field: "base", code: "invalid" }]);
    if (state !== undefined) await setState(ctx, repoState, issue, state);
    if (base !== undefined && baseSha !== null) Object.assign(issue.pull, { base, baseSha });
  });
  issue.title = optionalString(body, "title") ?? issue.title;
  if (body["body"] !== undefined) issue.body = optionalString(body, "body") ?? null;
  issue.pull.maintainerCanModify = optionalBoolean(body, "maintainer_can_modify") ?? issue.pull.maintainerCanModify;
  issue.updatedAt = ctx.state.timestamp();
  return full(ctx, repoState, issue);
};

const listFiles = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const repoState = requireRepo(ctx, req.params);
  const issue = requirePull(repoState, req.params);
  const files = (await pullDiff(ctx, repoState, issue))?.files ?? [];
  const page = paginate(files, req.query, `${repoBase(ctx, repoState.repo).api}/pulls/${issue.number}/files`);
  return { status: 200, body: page.items.map((f) => renderDiffEntry(ctx, repoState.repo, f, issue.pull.headSha)), headers: page.headers };
};

const listCommits = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const repoState = requireRepo(ctx, req.params);
  const issue = requirePull(repoState, req.params);
  const commits = (await pullDiff(ctx, repoState, issue))?.commits ?? [];
  const page = paginate(commits, req.query, `${repoBase(ctx, repoState.repo).api}/pulls/${issue.number}/commits`);
  return { status: 200, body: page.items.map((c) => renderCommit(ctx, repoState.repo, c)), headers: page.headers };
};

/** Pull request routes, including merging, reviews and review requests. */
export const pullsRoutes: RestRoute[] = [
  { method: "GET", path: PULLS, handler: listPulls },
  { method: "POST", path: PULLS, handler: openPull },
  { method: "GET", path: PULL, handler: getPull },
  { method: "PATCH", path: PULL, handler: updatePull },
  { method: "GET", path: `${PULL}/files`, handler: listFiles },
  { method: "GET", path: `${PULL}/commits`, handler: listCommits },
  ...pullMergeRoutes,
  ...pullReviewsRoutes,
];
