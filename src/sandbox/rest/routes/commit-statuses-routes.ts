import { renderCombinedStatus, renderCommitStatus } from "../../render/render-commit-status.js";
import type { StatusRecord } from "../../state/sandbox-state.js";
import { actingUser } from "../acting-user.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import { unprocessable, type RestContext, type RestRequest, type RestRoute } from "../rest-route.js";
import { bodyObject, nullableString, optionalEnum, optionalString } from "../route-input.js";
import { requireCommitSha } from "./resolve-commit.js";

const STATES = ["error", "failure", "pending", "success"] as const;

const createStatus = async (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const creator = actingUser(req, ctx);
  const sha = await requireCommitSha(ctx, repoState, req.params["sha"] ?? "", 422);
  const body = bodyObject(req);
  const state = optionalEnum(body, "state", STATES);
  if (!state) throw unprocessable("Validation Failed", [{ resource: "Status", field: "state", code: "missing_field" }]);
  const status: StatusRecord = {
    id: ctx.state.id(),
    sha,
    state,
    context: optionalString(body, "context") || "default",
    description: nullableString(body, "description") ?? null,
    targetUrl: nullableString(body, "target_url") ?? null,
    creator: creator.login,
    createdAt: ctx.state.timestamp(),
  };
  repoState.statuses.push(status);
  const rendered = renderCommitStatus(ctx, repoState, status);
  return { status: 201, body: rendered, headers: { location: String(rendered["url"]) } };
};

/** Every status of the commit, newest first (several per context), as GitHub lists them. */
const listStatuses = async (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const ref = req.params["ref"] ?? "";
  const sha = await requireCommitSha(ctx, repoState, ref, 404);
  const statuses = repoState.statuses.filter((s) => s.sha === sha).reverse();
  const page = paginate(statuses, req.query, `${ctx.apiUrl}/repos/${repoState.repo.owner}/${repoState.repo.name}/commits/${encodeURIComponent(ref)}/statuses`);
  return { status: 200, body: page.items.map((s) => renderCommitStatus(ctx, repoState, s)), headers: page.headers };
};

const combinedStatus = async (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const ref = req.params["ref"] ?? "";
  const sha = await requireCommitSha(ctx, repoState, ref, 404);
  return { status: 200, body: renderCombinedStatus(ctx, repoState, ref, sha) };
};

export const commitStatusesRoutes: RestRoute[] = [
  { method: "POST", path: "/repos/{owner}/{repo}/statuses/{sha}", handler: createStatus },
  { method: "GET", path: "/repos/{owner}/{repo}/commits/{ref}/statuses", handler: listStatuses },
  { method: "GET", path: "/repos/{owner}/{repo}/commits/{ref}/status", handler: combinedStatus },
];
