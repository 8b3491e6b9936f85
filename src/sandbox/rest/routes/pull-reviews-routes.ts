import { repoBase } from "../../render/render-env.js";
import { renderPullSimple, renderTeam, type PullIssue } from "../../render/render-pull.js";
import { renderReview } from "../../render/render-review.js";
import { renderUser } from "../../render/render-user.js";
import type { RepoState, ReviewRecord } from "../../state/sandbox-state.js";
import { actingUser } from "../acting-user.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import { notFound, unprocessable, type RestContext, type RestRequest, type RestResponse, type RestRoute } from "../rest-route.js";
import { bodyObject, intParam, optionalEnum, optionalString, optionalStringArray } from "../route-input.js";
import { requirePull } from "./pull-lookup.js";

const PULL = "/repos/{owner}/{repo}/pulls/{pull_number}";
const STATES = { APPROVE: "APPROVED", REQUEST_CHANGES: "CHANGES_REQUESTED", COMMENT: "COMMENTED" } as const;

const sameLogin = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const listReviews = (req: RestRequest, ctx: RestContext): RestResponse => {
  const repoState = requireRepo(ctx, req.params);
  const issue = requirePull(repoState, req.params);
  const page = paginate(issue.pull.reviews, req.query, `${repoBase(ctx, repoState.repo).api}/pulls/${issue.number}/reviews`);
  return { status: 200, body: page.items.map((r) => renderReview(ctx, repoState, issue.number, r)), headers: page.headers };
};

/** GitHub's rules: no approving (or requesting changes on) your own PR; a verdict other than approval needs a body. */
const checkReview = (issue: PullIssue, login: string, event: keyof typeof STATES | undefined, text: string, hasComments: boolean): void => {
  if (event === "APPROVE" && sameLogin(login, issue.user)) throw unprocessable("Unprocessable Entity", ["Can not approve your own pull request"]);
  if (event === "REQUEST_CHANGES" && sameLogin(login, issue.user)) throw unprocessable("Unprocessable Entity", ["Can not request changes on your own pull request"]);
  if ((event === "REQUEST_CHANGES" || event === "COMMENT") && text === "" && !hasComments) {
    throw unprocessable("Unprocessable Entity", [`Body is required when using ${event}`]);
  }
  if (event === undefined && issue.pull.reviews.some((r) => r.state === "PENDING" && sameLogin(r.user, login))) {
    throw unprocessable("Unprocessable Entity", ["User can only have one pending review per pull request"]);
  }
};

const createReview = (req: RestRequest, ctx: RestContext): RestResponse => {
  const repoState = requireRepo(ctx, req.params);
  const reviewer = actingUser(req, ctx);
  const issue = requirePull(repoState, req.params);
  const body = bodyObject(req);
  const event = optionalEnum(body, "event", ["APPROVE", "REQUEST_CHANGES", "COMMENT"] as const);
  const text = optionalString(body, "body") ?? "";
  checkReview(issue, reviewer.login, event, text, Array.isArray(body["comments"]) && body["comments"].length > 0);
  const review: ReviewRecord = {
    id: ctx.state.id(),
    user: reviewer.login,
    state: event === undefined ? "PENDING" : STATES[event],
    body: text,
    // The review is of the head the reviewer saw: the current one unless they name another.
    commitId: optionalString(body, "commit_id") ?? issue.pull.headSha,
    submittedAt: ctx.state.timestamp(),
  };
  issue.pull.reviews.push(review);
  if (event !== undefined) issue.pull.requestedReviewers = issue.pull.requestedReviewers.filter((l) => !sameLogin(l, reviewer.login));
  issue.updatedAt = review.submittedAt;
  return { status: 200, body: renderReview(ctx, repoState, issue.number, review) };
};

const getReview = (req: RestRequest, ctx: RestContext): RestResponse => {
  const repoState = requireRepo(ctx, req.params);
  const issue = requirePull(repoState, req.params);
  const id = intParam(req.params, "review_id");
  const review = issue.pull.reviews.find((r) => r.id === id);
  if (!review) throw notFound();
  return { status: 200, body: renderReview(ctx, repoState, issue.number, review) };
};

const listRequested = (req: RestRequest, ctx: RestContext): RestResponse => {
  const repoState = requireRepo(ctx, req.params);
  const { pull } = requirePull(repoState, req.params);
  return {
    status: 200,
    body: {
      users: pull.requestedReviewers.map((login) => renderUser(ctx.state.ensureUser(login), ctx.apiUrl, ctx.origin)),
      teams: pull.requestedTeams.map((slug) => renderTeam(ctx, repoState.repo.owner, slug)),
    },
  };
};

const isCollaborator = (repoState: RepoState, login: string): boolean =>
  sameLogin(login, repoState.repo.owner) || Object.keys(repoState.repo.collaborators).some((c) => sameLogin(c, login));

const reviewRequest = (req: RestRequest): { users: string[]; teams: string[] } => {
  const body = bodyObject(req);
  return { users: optionalStringArray(body, "reviewers") ?? [], teams: optionalStringArray(body, "team_reviewers") ?? [] };
};

const addRequested = (req: RestRequest, ctx: RestContext): RestResponse => {
  const repoState = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const issue = requirePull(repoState, req.params);
  const { users, teams } = reviewRequest(req);
  if (users.some((u) => sameLogin(u, issue.user))) throw unprocessable("Review cannot be requested from pull request author.");
  if (!users.every((u) => isCollaborator(repoState, u))) {
    const { owner, name } = repoState.repo;
    throw unprocessable(`Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${owner}/${name} repository.`);
  }
  const { pull } = issue;
  for (const login of users) if (!pull.requestedReviewers.some((l) => sameLogin(l, login))) pull.requestedReviewers.push(ctx.state.ensureUser(login).login);
  for (const slug of teams) if (!pull.requestedTeams.includes(slug)) pull.requestedTeams.push(slug);
  issue.updatedAt = ctx.state.timestamp();
  return { status: 201, body: renderPullSimple(ctx, repoState, issue) };
};

const removeRequested = (req: RestRequest, ctx: RestContext): RestResponse => {
  const repoState = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const issue = requirePull(repoState, req.params);
  const { users, teams } = reviewRequest(req);
  issue.pull.requestedReviewers = issue.pull.requestedReviewers.filter((l) => !users.some((u) => sameLogin(u, l)));
  issue.pull.requestedTeams = issue.pull.requestedTeams.filter((t) => !teams.includes(t));
  issue.updatedAt = ctx.state.timestamp();
  return { status: 200, body: renderPullSimple(ctx, repoState, issue) };
};

/** Reviews and review requests of a pull request. */
export const pullReviewsRoutes: RestRoute[] = [
  { method: "GET", path: `${PULL}/reviews`, handler: listReviews },
  { method: "POST", path: `${PULL}/reviews`, handler: createReview },
  { method: "GET", path: `${PULL}/reviews/{review_id}`, handler: getReview },
  { method: "GET", path: `${PULL}/requested_reviewers`, handler: listRequested },
  { method: "POST", path: `${PULL}/requested_reviewers`, handler: addRequested },
  { method: "DELETE", path: `${PULL}/requested_reviewers`, handler: removeRequested },
];
