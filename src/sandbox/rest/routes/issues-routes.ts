import { renderIssue } from "../../render/render-issue.js";
import { ensureLabel } from "../../state/ensure-label.js";
import type { IssueRecord, RepoState, SandboxState } from "../../state/sandbox-state.js";
import { actingUser } from "../acting-user.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import { unprocessable, type RestContext, type RestRequest, type RestRoute } from "../rest-route.js";
import { bodyObject, nullableString, optionalEnum, optionalStringArray, sortByTime } from "../route-input.js";
import { issueCommentsRoutes } from "./issue-comments-routes.js";
import { labelNames, requireIssue } from "./issue-lookup.js";
import { labelsRoutes } from "./labels-routes.js";
import { reactionsRoutes } from "./reactions-routes.js";

const ISSUE = "/repos/{owner}/{repo}/issues/{issue_number}";

/** `title` may be a string or an integer (the spec's oneOf); anything else is a 422. */
const titleOf = (body: Record<string, unknown>): string | undefined => {
  const { title } = body;
  if (title === undefined || title === null) return undefined;
  if (typeof title === "number" && Number.isInteger(title)) return String(title);
  if (typeof title === "string") return title;
  throw unprocessable('Invalid request.\n\n"title" is not a string.');
};

const assigneesOf = (body: Record<string, unknown>): string[] | undefined => {
  const list = optionalStringArray(body, "assignees");
  if (list) return [...new Set(list)];
  const single = nullableString(body, "assignee");
  if (single === undefined) return undefined;
  return single === null ? [] : [single];
};

/** Issues reference labels by name; names unknown to the repository are created, as GitHub does. */
const applyLabels = (state: SandboxState, repoState: RepoState, names: string[]): string[] =>
  names.map((name) => ensureLabel(state, repoState, name).name);

const createIssue = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const author = actingUser(req, ctx);
  const body = bodyObject(req);
  const title = titleOf(body);
  if (!title) throw unprocessable("Validation Failed", [{ resource: "Issue", field: "title", code: "missing_field" }]);
  const now = ctx.state.timestamp();
  const issue: IssueRecord = {
    number: ctx.state.nextNumber(repoState),
    id: ctx.state.id(),
    title,
    body: nullableString(body, "body") ?? null,
    user: author.login,
    state: "open",
    stateReason: null,
    labels: applyLabels(ctx.state, repoState, labelNames(body["labels"]) ?? []),
    assignees: (assigneesOf(body) ?? []).map((login) => ctx.state.ensureUser(login).login),
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    reactions: [],
  };
  repoState.issues.push(issue);
  const rendered = renderIssue(ctx, repoState, issue);
  return { status: 201, body: rendered, headers: { location: String(rendered["url"]) } };
};

const STATE_REASONS = ["completed", "not_planned", "duplicate", "reopened"] as const;

const setState = (issue: IssueRecord, body: Record<string, unknown>, now: string): void => {
  const state = optionalEnum(body, "state", ["open", "closed"] as const);
  const reason = body["state_reason"] === null ? null : optionalEnum(body, "state_reason", STATE_REASONS);
  if (state === "closed" && issue.state === "open") {
    issue.state = "closed";
    issue.closedAt = now;
    // The record has no "duplicate" reason; GitHub shows duplicates as not planned.
    issue.stateReason = reason === "duplicate" || reason === "not_planned" ? "not_planned" : "completed";
  } else if (state === "open" && issue.state === "closed") {
    issue.state = "open";
    issue.closedAt = null;
    issue.stateReason = "reopened";
  }
};

const updateIssue = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const issue = requireIssue(repoState, req.params);
  const body = bodyObject(req);
  const now = ctx.state.timestamp();
  const title = titleOf(body);
  if (title !== undefined) issue.title = title;
  const text = nullableString(body, "body");
  if (text !== undefined) issue.body = text;
  setState(issue, body, now);
  const labels = labelNames(body["labels"]);
  if (labels) issue.labels = applyLabels(ctx.state, repoState, labels);
  const assignees = assigneesOf(body);
  if (assignees) issue.assignees = assignees.map((login) => ctx.state.ensureUser(login).login);
  issue.updatedAt = now;
  return { status: 200, body: renderIssue(ctx, repoState, issue) };
};

const matchesFilters = (issue: IssueRecord, query: Record<string, string>): boolean => {
  const state = query["state"] ?? "open";
  if (state !== "all" && issue.state !== state) return false;
  const wanted = query["labels"]?.split(",").map((l) => l.trim().toLowerCase()).filter(Boolean) ?? [];
  const has = issue.labels.map((l) => l.toLowerCase());
  if (!wanted.every((l) => has.includes(l))) return false;
  const { creator, assignee, since } = query;
  if (creator && issue.user.toLowerCase() !== creator.toLowerCase()) return false;
  if (assignee === "none" && issue.assignees.length > 0) return false;
  if (assignee === "*" && issue.assignees.length === 0) return false;
  if (assignee && assignee !== "none" && assignee !== "*" && !issue.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase())) return false;
  if (since && Date.parse(issue.updatedAt) < Date.parse(since)) return false;
  return true;
};

const listIssues = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const { query } = req;
  const matching = repoState.issues.filter((i) => matchesFilters(i, query));
  const commentCount = (i: IssueRecord): string =>
    String(repoState.comments.filter((c) => c.issueNumber === i.number).length).padStart(10, "0");
  const sortKey = query["sort"] === "updated" ? (i: IssueRecord) => i.updatedAt : query["sort"] === "comments" ? commentCount : (i: IssueRecord) => i.createdAt;
  const sorted = sortByTime(matching, sortKey, query["direction"], "desc");
  const page = paginate(sorted, query, `${ctx.apiUrl}/repos/${repoState.repo.owner}/${repoState.repo.name}/issues`);
  return { status: 200, body: page.items.map((i) => renderIssue(ctx, repoState, i)), headers: page.headers };
};

const getIssue = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  return { status: 200, body: renderIssue(ctx, repoState, requireIssue(repoState, req.params)) };
};

/** The issues API, including comments, labels and reactions (pull requests are issues here too). */
export const issuesRoutes: RestRoute[] = [
  { method: "GET", path: "/repos/{owner}/{repo}/issues", handler: listIssues },
  { method: "POST", path: "/repos/{owner}/{repo}/issues", handler: createIssue },
  { method: "GET", path: ISSUE, handler: getIssue },
  { method: "PATCH", path: ISSUE, handler: updateIssue },
  ...issueCommentsRoutes,
  ...labelsRoutes,
  ...reactionsRoutes,
];
