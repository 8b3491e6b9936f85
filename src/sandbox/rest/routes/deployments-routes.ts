import { renderDeployment, renderDeploymentStatus } from "../../render/render-deployment.js";
import { addDeploymentStatus } from "../../state/deployment-statuses.js";
import type { DeploymentRecord, DeploymentStatusRecord, RepoState } from "../../state/sandbox-state.js";
import { actingUser } from "../acting-user.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import { notFound, unprocessable, type RestContext, type RestRequest, type RestRoute } from "../rest-route.js";
import { bodyObject, intParam, nullableString, optionalBoolean, optionalEnum, optionalString, requiredString } from "../route-input.js";

const DEPLOYMENTS = "/repos/{owner}/{repo}/deployments";
const DEPLOYMENT = `${DEPLOYMENTS}/{deployment_id}`;
const STATES = ["error", "failure", "inactive", "in_progress", "queued", "pending", "success"] as const;

const repoApi = (ctx: RestContext, repoState: RepoState): string =>
  `${ctx.apiUrl}/repos/${repoState.repo.owner}/${repoState.repo.name}`;

const requireDeployment = (repoState: RepoState, params: Record<string, string>): DeploymentRecord => {
  const id = intParam(params, "deployment_id");
  const deployment = repoState.deployments.find((d) => d.id === id);
  if (!deployment) throw notFound();
  return deployment;
};

/** `payload` is an object or a JSON string; GitHub stores the parsed object. */
const payloadOf = (value: unknown): unknown => {
  if (typeof value !== "string") return value ?? {};
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

/**
 * Creates a deployment of `ref` (branch, tag or sha, resolved through git). `required_contexts`
 * and `auto_merge` are accepted but not enforced: the sandbox never merges or blocks on statuses.
 */
const createDeployment = async (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const creator = actingUser(req, ctx);
  const body = bodyObject(req);
  const ref = requiredString(body, "ref", "Deployment");
  optionalBoolean(body, "auto_merge");
  const sha = await ctx.git.resolve(repoState.repo.owner, repoState.repo.name, ref);
  if (!sha) throw unprocessable(`No ref found for: ${ref}`);
  const environment = optionalString(body, "environment") ?? "production";
  const now = ctx.state.timestamp();
  const deployment: DeploymentRecord = {
    id: ctx.state.id(),
    sha,
    ref,
    task: optionalString(body, "task") ?? "deploy",
    environment,
    description: nullableString(body, "description") ?? "",
    creator: creator.login,
    payload: payloadOf(body["payload"]),
    createdAt: now,
    updatedAt: now,
    statuses: [],
    transientEnvironment: optionalBoolean(body, "transient_environment") ?? false,
    productionEnvironment: optionalBoolean(body, "production_environment") ?? environment === "production",
  };
  repoState.deployments.push(deployment);
  return { status: 201, body: renderDeployment(ctx, repoState, deployment) };
};

const listDeployments = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const { sha, ref, task, environment } = req.query;
  const matching = repoState.deployments
    .filter((d) => (!sha || d.sha === sha) && (!ref || d.ref === ref) && (!task || d.task === task) && (!environment || d.environment === environment))
    .reverse();
  const page = paginate(matching, req.query, `${repoApi(ctx, repoState)}/deployments`);
  return { status: 200, body: page.items.map((d) => renderDeployment(ctx, repoState, d)), headers: page.headers };
};

const getDeployment = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  return { status: 200, body: renderDeployment(ctx, repoState, requireDeployment(repoState, req.params)) };
};

const createStatus = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const creator = actingUser(req, ctx);
  const deployment = requireDeployment(repoState, req.params);
  const body = bodyObject(req);
  const state = optionalEnum(body, "state", STATES);
  if (!state) throw unprocessable("Validation Failed", [{ resource: "DeploymentStatus", field: "state", code: "missing_field" }]);
  const logUrl = optionalString(body, "log_url") ?? optionalString(body, "target_url");
  const description = optionalString(body, "description");
  const environment = optionalString(body, "environment");
  const environmentUrl = optionalString(body, "environment_url");
  const autoInactive = optionalBoolean(body, "auto_inactive");
  const status = addDeploymentStatus(ctx.state, repoState, deployment, {
    state,
    creator: creator.login,
    ...(logUrl === undefined ? {} : { logUrl }),
    ...(description === undefined ? {} : { description }),
    ...(environment === undefined ? {} : { environment }),
    ...(environmentUrl === undefined ? {} : { environmentUrl }),
    ...(autoInactive === undefined ? {} : { autoInactive }),
  });
  const rendered = renderDeploymentStatus(ctx, repoState, deployment, status);
  return { status: 201, body: rendered, headers: { location: String(rendered["url"]) } };
};

/** Newest first, as GitHub lists them. */
const listStatuses = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const deployment = requireDeployment(repoState, req.params);
  const page = paginate([...deployment.statuses].reverse(), req.query, `${repoApi(ctx, repoState)}/deployments/${deployment.id}/statuses`);
  return { status: 200, body: page.items.map((s) => renderDeploymentStatus(ctx, repoState, deployment, s)), headers: page.headers };
};

const getStatus = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const deployment = requireDeployment(repoState, req.params);
  const id = intParam(req.params, "status_id");
  const status: DeploymentStatusRecord | undefined = deployment.statuses.find((s) => s.id === id);
  if (!status) throw notFound();
  return { status: 200, body: renderDeploymentStatus(ctx, repoState, deployment, status) };
};

export const deploymentsRoutes: RestRoute[] = [
  { method: "GET", path: DEPLOYMENTS, handler: listDeployments },
  { method: "POST", path: DEPLOYMENTS, handler: createDeployment },
  { method: "GET", path: DEPLOYMENT, handler: getDeployment },
  { method: "GET", path: `${DEPLOYMENT}/statuses`, handler: listStatuses },
  { method: "POST", path: `${DEPLOYMENT}/statuses`, handler: createStatus },
  { method: "GET", path: `${DEPLOYMENT}/statuses/{status_id}`, handler: getStatus },
];
