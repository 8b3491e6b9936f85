import type { JobRecord, RepoState, WorkflowRunRecord } from "../state/sandbox-state.js";
import { nodeId, repoBase, type RenderEnv } from "./render-env.js";

/** GitHub Actions jobs are check runs with the same id. */
export const jobCheckRunUrl = (env: RenderEnv, repoState: RepoState, job: JobRecord): string =>
  `${repoBase(env, repoState.repo).api}/check-runs/${job.id}`;

/** GitHub's `job` (a workflow job), also the `workflow_job` of webhook payloads. */
export const renderJob = (env: RenderEnv, repoState: RepoState, run: WorkflowRunRecord, job: JobRecord): Record<string, unknown> => {
  const { api, html } = repoBase(env, repoState.repo);
  const completed = job.status === "completed";
  return {
    id: job.id,
    run_id: run.id,
    run_url: `${api}/actions/runs/${run.id}`,
    run_attempt: job.runAttempt ?? 1,
    node_id: nodeId("CheckRun", job.id),
    head_sha: run.headSha,
    url: `${api}/actions/jobs/${job.id}`,
    html_url: `${html}/actions/runs/${run.id}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: job.startedAt,
    started_at: job.startedAt,
    completed_at: job.completedAt,
    name: job.name,
    steps: job.steps.map((step) => ({
      name: step.name,
      status: step.status,
      conclusion: step.conclusion,
      number: step.number,
      started_at: job.status === "queued" ? null : job.startedAt,
      completed_at: completed ? job.completedAt : null,
    })),
    check_run_url: jobCheckRunUrl(env, repoState, job),
    labels: ["ubuntu-latest"],
    runner_id: job.status === "queued" ? null : 1,
    runner_name: job.status === "queued" ? null : "GitHub Actions 1",
    runner_group_id: job.status === "queued" ? null : 1,
    runner_group_name: job.status === "queued" ? null : "GitHub Actions",
    workflow_name: run.name,
    head_branch: run.headBranch,
  };
};
