import { renderJob } from "../../render/render-job.js";
import { latestJobs, rerunWorkflowRun, runJobs, type RerunScope } from "../../state/workflow-run-attempts.js";
import { actingUser } from "../acting-user.js";
import { issueJobLogToken } from "../job-log-tokens.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import { RestError, type RestContext, type RestRequest, type RestRoute } from "../rest-route.js";
import { requireJob, requireRun } from "./actions-lookup.js";

const RUN = "/repos/{owner}/{repo}/actions/runs/{run_id}";

const listJobs = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const run = requireRun(repoState, req.params);
  const jobs = req.query["filter"] === "all" ? runJobs(repoState, run) : latestJobs(repoState, run);
  const { owner, name } = repoState.repo;
  const page = paginate(jobs, req.query, `${ctx.apiUrl}/repos/${owner}/${name}/actions/runs/${run.id}/jobs`);
  const rendered = page.items.map((job) => renderJob(ctx, repoState, run, job));
  return { status: 200, body: { total_count: jobs.length, jobs: rendered }, headers: page.headers };
};

const getJob = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const { job, run } = requireJob(repoState, req.params);
  return { status: 200, body: renderJob(ctx, repoState, run, job) };
};

/** Like GitHub: a 302 to a short-lived signed URL that serves the plain-text log without credentials. */
const downloadJobLogs = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const { job } = requireJob(repoState, req.params);
  const token = issueJobLogToken(ctx.state, job.id);
  return { status: 302, headers: { location: `${ctx.origin}/_logs/jobs/${job.id}?token=${encodeURIComponent(token)}` } };
};

/**
 * Starts a new attempt (see rerunWorkflowRun), then lets a drill script it through `state.onRerun`.
 * GitHub refuses to re-run a run that has not completed.
 */
const rerun = (scopeOf: (req: RestRequest, ctx: RestContext) => RerunScope) => async (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const scope = scopeOf(req, ctx);
  const run = typeof scope === "object" ? requireJob(repoState, req.params).run : requireRun(repoState, req.params);
  if (run.status !== "completed") throw new RestError(403, `Cannot rerun a workflow run that is not completed (status: ${run.status}).`);
  const jobs = rerunWorkflowRun(ctx.state, repoState, run, scope);
  if (jobs.length === 0) throw new RestError(403, "This workflow run has no failed jobs to re-run.");
  await ctx.state.onRerun?.(repoState, run, jobs);
  return { status: 201, body: {} };
};

const jobScope = (req: RestRequest, ctx: RestContext): RerunScope => ({ jobId: requireJob(requireRepo(ctx, req.params), req.params).job.id });

export const actionsJobsRoutes: RestRoute[] = [
  { method: "GET", path: `${RUN}/jobs`, handler: listJobs },
  { method: "GET", path: "/repos/{owner}/{repo}/actions/jobs/{job_id}", handler: getJob },
  { method: "GET", path: "/repos/{owner}/{repo}/actions/jobs/{job_id}/logs", handler: downloadJobLogs },
  { method: "POST", path: `${RUN}/rerun`, handler: rerun(() => "all") },
  { method: "POST", path: `${RUN}/rerun-failed-jobs`, handler: rerun(() => "failed") },
  { method: "POST", path: "/repos/{owner}/{repo}/actions/jobs/{job_id}/rerun", handler: rerun(jobScope) },
];
