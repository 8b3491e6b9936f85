import { renderLabel } from "../../render/render-label.js";
import { ensureLabel, findLabel } from "../../state/ensure-label.js";
import type { IssueRecord, LabelRecord, RepoState } from "../../state/sandbox-state.js";
import { actingUser } from "../acting-user.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import { RestError, notFound, unprocessable, type RestContext, type RestRequest, type RestRoute } from "../rest-route.js";
import { bodyObject, optionalString, requiredString } from "../route-input.js";
import { labelNames, requireIssue } from "./issue-lookup.js";

const REPO_LABELS = "/repos/{owner}/{repo}/labels";
const ISSUE_LABELS = "/repos/{owner}/{repo}/issues/{issue_number}/labels";

const renderAll = (ctx: RestContext, repoState: RepoState, labels: LabelRecord[]) =>
  labels.map((l) => renderLabel(ctx, repoState.repo, l));

const issueLabels = (ctx: RestContext, repoState: RepoState, issue: IssueRecord) =>
  renderAll(ctx, repoState, issue.labels.map((name) => ensureLabel(ctx.state, repoState, name)));

/** `{labels: [...]}`, a bare array or a single string: the forms GitHub accepts for add/set. */
const requestedLabels = (req: RestRequest): string[] => {
  const body = req.body;
  const raw = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as { labels?: unknown }).labels : body;
  const names = labelNames(raw);
  if (!names) throw unprocessable("Invalid request.\n\nNo labels were given.");
  return names;
};

const listRepoLabels = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const page = paginate(repoState.labels, req.query, `${ctx.apiUrl}/repos/${repoState.repo.owner}/${repoState.repo.name}/labels`);
  return { status: 200, body: renderAll(ctx, repoState, page.items), headers: page.headers };
};

const createLabel = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const body = bodyObject(req);
  const name = requiredString(body, "name", "Label");
  if (findLabel(repoState, name)) throw unprocessable("Validation Failed", [{ resource: "Label", code: "already_exists", field: "name" }]);
  const color = (optionalString(body, "color") ?? "ededed").replace(/^#/, "");
  if (!/^[0-9a-fA-F]{6}$/.test(color)) throw unprocessable("Validation Failed", [{ resource: "Label", code: "invalid", field: "color" }]);
  const label: LabelRecord = { id: ctx.state.id(), name, color, description: optionalString(body, "description") ?? null };
  repoState.labels.push(label);
  const rendered = renderLabel(ctx, repoState.repo, label);
  return { status: 201, body: rendered, headers: { location: String(rendered["url"]) } };
};

const getLabel = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const label = findLabel(repoState, req.params["name"] ?? "");
  if (!label) throw notFound();
  return { status: 200, body: renderLabel(ctx, repoState.repo, label) };
};

const listIssueLabels = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const issue = requireIssue(repoState, req.params);
  const page = paginate(issueLabels(ctx, repoState, issue), req.query, `${ctx.apiUrl}/repos/${repoState.repo.owner}/${repoState.repo.name}/issues/${issue.number}/labels`);
  return { status: 200, body: page.items, headers: page.headers };
};

/** Adding labels unknown to the repository creates them, as GitHub does. */
const addLabels = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const issue = requireIssue(repoState, req.params);
  for (const name of requestedLabels(req)) {
    const label = ensureLabel(ctx.state, repoState, name);
    if (!issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) issue.labels.push(label.name);
  }
  issue.updatedAt = ctx.state.timestamp();
  return { status: 200, body: issueLabels(ctx, repoState, issue) };
};

const setLabels = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const issue = requireIssue(repoState, req.params);
  issue.labels = requestedLabels(req).map((name) => ensureLabel(ctx.state, repoState, name).name);
  issue.updatedAt = ctx.state.timestamp();
  return { status: 200, body: issueLabels(ctx, repoState, issue) };
};

const removeLabel = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const issue = requireIssue(repoState, req.params);
  const name = (req.params["name"] ?? "").toLowerCase();
  const index = issue.labels.findIndex((l) => l.toLowerCase() === name);
  if (index < 0) throw new RestError(404, "Label does not exist");
  issue.labels.splice(index, 1);
  issue.updatedAt = ctx.state.timestamp();
  return { status: 200, body: issueLabels(ctx, repoState, issue) };
};

const removeAllLabels = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const issue = requireIssue(repoState, req.params);
  issue.labels = [];
  issue.updatedAt = ctx.state.timestamp();
  return { status: 204 };
};

export const labelsRoutes: RestRoute[] = [
  { method: "GET", path: REPO_LABELS, handler: listRepoLabels },
  { method: "POST", path: REPO_LABELS, handler: createLabel },
  { method: "GET", path: `${REPO_LABELS}/{name}`, handler: getLabel },
  { method: "GET", path: ISSUE_LABELS, handler: listIssueLabels },
  { method: "POST", path: ISSUE_LABELS, handler: addLabels },
  { method: "PUT", path: ISSUE_LABELS, handler: setLabels },
  { method: "DELETE", path: ISSUE_LABELS, handler: removeAllLabels },
  { method: "DELETE", path: `${ISSUE_LABELS}/{name}`, handler: removeLabel },
];
