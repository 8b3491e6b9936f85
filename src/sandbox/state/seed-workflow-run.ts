import type { JobRecord, RepoState, SandboxState, WorkflowRecord, WorkflowRunRecord } from "./sandbox-state.js";

export interface SeedJob {
  name: string;
  /** null while the job is still running */
  conclusion: string | null;
  log: string;
  /** default: one step named after the job, with the job's conclusion */
  steps?: { name: string; conclusion: string | null }[];
}

export interface SeedWorkflowRunSpec {
  /** workflow name, e.g. "CI" */
  name: string;
  /** workflow file; default `.github/workflows/<name as kebab-case>.yml` */
  path?: string;
  /** default "push" */
  event?: string;
  headBranch: string;
  headSha: string;
  /** null for a run that has not finished */
  conclusion: string | null;
  /** default: "completed" with a conclusion, "in_progress" without */
  status?: WorkflowRunRecord["status"];
  actor?: string;
  displayTitle?: string;
  jobs: SeedJob[];
}

const defaultPath = (name: string): string =>
  `.github/workflows/${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "workflow"}.yml`;

/** The repository's workflow with this path, created when missing. */
export const ensureWorkflow = (state: SandboxState, repoState: RepoState, name: string, path = defaultPath(name)): WorkflowRecord => {
  const existing = repoState.workflows.find((w) => w.path === path);
  if (existing) return existing;
  const workflow: WorkflowRecord = { id: state.id(), name, path, state: "active" };
  repoState.workflows.push(workflow);
  return workflow;
};

const jobStatus = (conclusion: string | null, runStatus: WorkflowRunRecord["status"]): JobRecord["status"] =>
  conclusion !== null ? "completed" : runStatus === "queued" ? "queued" : "in_progress";

const seedJob = (state: SandboxState, run: WorkflowRunRecord, spec: SeedJob, now: string): JobRecord => {
  const status = jobStatus(spec.conclusion, run.status);
  const steps = spec.steps ?? [{ name: spec.name, conclusion: spec.conclusion }];
  return {
    id: state.id(),
    runId: run.id,
    name: spec.name,
    status,
    conclusion: spec.conclusion,
    startedAt: now,
    completedAt: status === "completed" ? now : null,
    log: spec.log,
    steps: steps.map((step, index) => ({
      name: step.name,
      status: step.conclusion === null ? status : "completed",
      conclusion: step.conclusion,
      number: index + 1,
    })),
    runAttempt: 1,
  };
};

/**
 * Records a GitHub Actions run with its jobs and logs, as drills need them: the workflow is
 * created when missing, run numbers count per workflow, and each run gets its own check suite.
 * Emitting the `workflow_run` webhook is the caller's business.
 */
export const seedWorkflowRun = (state: SandboxState, repoState: RepoState, spec: SeedWorkflowRunSpec): WorkflowRunRecord => {
  const workflow = ensureWorkflow(state, repoState, spec.name, spec.path);
  const now = state.timestamp();
  const run: WorkflowRunRecord = {
    id: state.id(),
    workflowId: workflow.id,
    name: workflow.name,
    event: spec.event ?? "push",
    headBranch: spec.headBranch,
    headSha: spec.headSha,
    status: spec.status ?? (spec.conclusion === null ? "in_progress" : "completed"),
    conclusion: spec.conclusion,
    runNumber: repoState.runs.filter((r) => r.workflowId === workflow.id).length + 1,
    runAttempt: 1,
    createdAt: now,
    updatedAt: now,
    jobIds: [],
    runStartedAt: now,
    checkSuiteId: state.id(),
    ...(spec.actor === undefined ? {} : { actor: spec.actor }),
    ...(spec.displayTitle === undefined ? {} : { displayTitle: spec.displayTitle }),
  };
  const jobs = spec.jobs.map((job) => seedJob(state, run, job, now));
  run.jobIds = jobs.map((j) => j.id);
  repoState.runs.push(run);
  repoState.jobs.push(...jobs);
  return run;
};
