import { renderWorkflow } from "../../render/render-workflow.js";
import type { RepoState, WorkflowRunRecord } from "../../state/sandbox-state.js";
import { runCheckSuiteId } from "../../state/workflow-run-attempts.js";
import { matchesDateQualifier } from "../date-qualifier.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import type { RestContext, RestRequest, RestRoute } from "../rest-route.js";
import { actionsJobsRoutes } from "./actions-jobs-routes.js";
import { renderRuns, requireRun, requireWorkflow } from "./actions-lookup.js";

const RUN_STATUSES = ["queued", "in_progress", "completed", "requested", "waiting", "pending"];

const repoApi = (ctx: RestContext, repoState: RepoState): string =>
  `${ctx.apiUrl}/repos/${repoState.repo.owner}/${repoState.repo.name}`;

/** GitHub's run filters; `status` also accepts a conclusion (`success`, `failure`…). */
const matchesRunFilters = (run: WorkflowRunRecord, repoState: RepoState, query: Record<string, string>): boolean => {
  const { actor, branch, event, status, created, head_sha: headSha, check_suite_id: suiteId } = query;
  if (actor && (run.actor ?? repoState.repo.owner).toLowerCase() !== actor.toLowerCase()) return false;
  if (branch && run.headBranch !== branch) return false;
  if (event && run.event !== event) return false;
  if (status && (RUN_STATUSES.includes(status) ? run.status !== status : run.conclusion !== status)) return false;
  if (created && !matchesDateQualifier(run.createdAt, created)) return false;
  if (headSha && run.headSha !== headSha) return false;
  if (suiteId && String(runCheckSuiteId(run)) !== suiteId) return false;
  return true;
};

const listRuns = async (req: RestRequest, ctx: RestContext, repoState: RepoState, runs: WorkflowRunRecord[], url: string) => {
  const matching = runs.filter((r) => matchesRunFilters(r, repoState, req.query)).sort((a, b) => b.id - a.id);
  const page = paginate(matching, req.query, url);
  return { status: 200, body: { total_count: matching.length, workflow_runs: await renderRuns(ctx, repoState, page.items) }, headers: page.headers };
};

const listRepoRuns = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  return listRuns(req, ctx, repoState, repoState.runs, `${repoApi(ctx, repoState)}/actions/runs`);
};

const listWorkflowRuns = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const workflow = requireWorkflow(repoState, req.params);
  const runs = repoState.runs.filter((r) => r.workflowId === workflow.id);
  return listRuns(req, ctx, repoState, runs, `${repoApi(ctx, repoState)}/actions/workflows/${req.params["workflow_id"] ?? ""}/runs`);
};

const getRun = async (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const [rendered] = await renderRuns(ctx, repoState, [requireRun(repoState, req.params)]);
  return { status: 200, body: rendered };
};

const listWorkflows = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const page = paginate(repoState.workflows, req.query, `${repoApi(ctx, repoState)}/actions/workflows`);
  const workflows = page.items.map((w) => renderWorkflow(ctx, repoState, w));
  return { status: 200, body: { total_count: repoState.workflows.length, workflows }, headers: page.headers };
};

const getWorkflow = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  return { status: 200, body: renderWorkflow(ctx, repoState, requireWorkflow(repoState, req.params)) };
};

/** GitHub Actions: workflows, runs, jobs, job logs and re-runs. */
export const actionsRoutes: RestRoute[] = [
  { method: "GET", path: "/repos/{owner}/{repo}/actions/workflows", handler: listWorkflows },
  { method: "GET", path: "/repos/{owner}/{repo}/actions/workflows/{workflow_id}", handler: getWorkflow },
  { method: "GET", path: "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", handler: listWorkflowRuns },
  { method: "GET", path: "/repos/{owner}/{repo}/actions/runs", handler: listRepoRuns },
  { method: "GET", path: "/repos/{owner}/{repo}/actions/runs/{run_id}", handler: getRun },
  ...actionsJobsRoutes,
];
