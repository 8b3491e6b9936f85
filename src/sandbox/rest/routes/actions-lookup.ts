import type { CommitInfo } from "../../git/git-store.js";
import { renderWorkflowRun } from "../../render/render-workflow-run.js";
import type { JobRecord, RepoState, WorkflowRecord, WorkflowRunRecord } from "../../state/sandbox-state.js";
import { intParam } from "../route-input.js";
import { notFound, type RestContext } from "../rest-route.js";

export const requireRun = (repoState: RepoState, params: Record<string, string>): WorkflowRunRecord => {
  const id = intParam(params, "run_id");
  const run = repoState.runs.find((r) => r.id === id);
  if (!run) throw notFound();
  return run;
};

export const requireJob = (repoState: RepoState, params: Record<string, string>): { job: JobRecord; run: WorkflowRunRecord } => {
  const id = intParam(params, "job_id");
  const job = repoState.jobs.find((j) => j.id === id);
  const run = job && repoState.runs.find((r) => r.id === job.runId);
  if (!job || !run) throw notFound();
  return { job, run };
};

/** `{workflow_id}` is the numeric id or the workflow's file name (`ci.yml`), as on GitHub. */
export const requireWorkflow = (repoState: RepoState, params: Record<string, string>): WorkflowRecord => {
  const key = params["workflow_id"] ?? "";
  const workflow = repoState.workflows.find((w) => String(w.id) === key || w.path.split("/").pop() === key);
  if (!workflow) throw notFound();
  return workflow;
};

/** Renders runs, reading each distinct head commit from git once. */
export const renderRuns = async (ctx: RestContext, repoState: RepoState, runs: WorkflowRunRecord[]): Promise<Record<string, unknown>[]> => {
  const { owner, name } = repoState.repo;
  const commits = new Map<string, CommitInfo | null>();
  for (const sha of new Set(runs.map((r) => r.headSha))) commits.set(sha, await ctx.git.getCommit(owner, name, sha));
  return runs.map((run) => renderWorkflowRun(ctx, repoState, run, commits.get(run.headSha) ?? null));
};
