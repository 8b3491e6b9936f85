import type { JobRecord, RepoState, SandboxState, WorkflowRunRecord } from "./sandbox-state.js";

const FAILED = ["failure", "cancelled", "timed_out", "startup_failure"];

/** The check suite GitHub Actions reports a run under. */
export const runCheckSuiteId = (run: WorkflowRunRecord): number => run.checkSuiteId ?? run.id;

/** Every job record of a run, all attempts, oldest first. */
export const runJobs = (repoState: RepoState, run: WorkflowRunRecord): JobRecord[] =>
  run.jobIds.flatMap((id) => repoState.jobs.filter((j) => j.id === id));

/** The most recent execution of each job of a run (GitHub's `filter=latest`). */
export const latestJobs = (repoState: RepoState, run: WorkflowRunRecord): JobRecord[] => {
  const byName = new Map<string, JobRecord>();
  for (const job of runJobs(repoState, run)) {
    const seen = byName.get(job.name);
    if (!seen || (job.runAttempt ?? 1) >= (seen.runAttempt ?? 1)) byName.set(job.name, job);
  }
  return [...byName.values()];
};

export type RerunScope = "all" | "failed" | { jobId: number };

/**
 * Starts a new attempt of a completed run, as GitHub's re-run buttons do: the chosen jobs get new
 * queued job records (old attempts stay readable with `filter=all`), the run is queued again with
 * `run_attempt` incremented. Returns the new job records (empty when nothing matched the scope).
 */
export const rerunWorkflowRun = (state: SandboxState, repoState: RepoState, run: WorkflowRunRecord, scope: RerunScope): JobRecord[] => {
  const latest = latestJobs(repoState, run);
  const chosen =
    scope === "all" ? latest : scope === "failed" ? latest.filter((j) => FAILED.includes(j.conclusion ?? "")) : latest.filter((j) => j.id === scope.jobId);
  if (chosen.length === 0) return [];
  const now = state.timestamp();
  const attempt = run.runAttempt + 1;
  const jobs: JobRecord[] = chosen.map((old) => ({
    id: state.id(),
    runId: run.id,
    name: old.name,
    status: "queued",
    conclusion: null,
    startedAt: now,
    completedAt: null,
    log: "",
    steps: old.steps.map((s) => ({ ...s, status: "queued", conclusion: null })),
    runAttempt: attempt,
  }));
  repoState.jobs.push(...jobs);
  run.jobIds.push(...jobs.map((j) => j.id));
  Object.assign(run, { runAttempt: attempt, status: "queued", conclusion: null, updatedAt: now, runStartedAt: now });
  return jobs;
};

/** The run's status and conclusion from its latest jobs: failed if any failed, else success. */
export const settleRun = (state: SandboxState, repoState: RepoState, run: WorkflowRunRecord): void => {
  const jobs = latestJobs(repoState, run);
  run.updatedAt = state.timestamp();
  if (jobs.some((j) => j.status !== "completed")) {
    run.status = jobs.some((j) => j.status === "in_progress") ? "in_progress" : run.status;
    run.conclusion = null;
    return;
  }
  run.status = "completed";
  const conclusions = jobs.map((j) => j.conclusion);
  run.conclusion = conclusions.includes("failure") ? "failure" : (conclusions.find((c) => FAILED.includes(c ?? "")) ?? "success");
};

/** Finishes a job (e.g. from `state.onRerun`) with its conclusion and log, then settles its run. */
export const completeJob = (
  state: SandboxState,
  repoState: RepoState,
  job: JobRecord,
  result: { conclusion: string; log?: string },
): void => {
  const now = state.timestamp();
  Object.assign(job, { status: "completed", conclusion: result.conclusion, completedAt: now });
  if (result.log !== undefined) job.log = result.log;
  job.steps = job.steps.map((s) => ({ ...s, status: "completed", conclusion: s.conclusion ?? result.conclusion }));
  const run = repoState.runs.find((r) => r.id === job.runId);
  if (run) settleRun(state, repoState, run);
};
