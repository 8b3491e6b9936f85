import type { RepoConfig, DeployTarget } from "../../schemas/repo-config.js";
import type { Signal } from "../../schemas/signal.js";
import type { WorkflowRunEvent } from "../../schemas/workflow-run-event.js";
import { isoOrNull, type SenseResult } from "./failure-subject.js";

export type { SenseResult } from "./failure-subject.js";

const FAILED = new Set(["failure", "timed_out"]);

/** A deploy target matches by workflow name or by workflow file path (with or without `.github/workflows/`). */
export const matchDeploy = (config: RepoConfig, run: WorkflowRunEvent["workflow_run"], defaultBranch: string): DeployTarget | null =>
  config.deploys.find((d) => {
    const byName = run.name === d.workflow;
    const byPath = run.path === d.workflow || run.path.endsWith(`/${d.workflow}`);
    const branch = d.branch ?? defaultBranch;
    return (byName || byPath) && (run.head_branch === null || run.head_branch === branch);
  }) ?? null;

/** Turn a completed workflow run into a failure signal, or say why it is not one. */
export const senseWorkflowRun = (
  event: WorkflowRunEvent,
  config: RepoConfig,
  meta: { deliveryId: string; receivedAt: string },
): SenseResult => {
  const run = event.workflow_run;
  if (event.action !== "completed") return { kind: "ignored", reason: `action ${event.action} is not completed` };
  if (!run.conclusion || !FAILED.has(run.conclusion)) {
    return { kind: "ignored", reason: `conclusion ${run.conclusion ?? "none"} is not a failure` };
  }
  const deploy = matchDeploy(config, run, event.repository.default_branch);
  const signal: Signal = {
    source: "github",
    kind: deploy ? "deployment_failed" : "workflow_failed",
    deliveryId: meta.deliveryId,
    receivedAt: meta.receivedAt,
    occurredAt: isoOrNull(run.updated_at ?? run.created_at),
    repo: { owner: event.repository.owner.login, name: event.repository.name },
    environment: deploy?.environment ?? null,
    // GitHub sends `name: ""` for some runs; the path identifies the workflow then
    workflow: run.name || run.path,
    sha: run.head_sha,
    ref: run.head_branch,
    subjectId: String(run.id),
    url: run.html_url,
    labels: { conclusion: run.conclusion, event: run.event },
  };
  const subject = {
    kind: "workflow-run" as const,
    runId: run.id,
    runNumber: run.run_number,
    workflowId: run.workflow_id,
    pullRequests: run.pull_requests.map((p) => p.number),
  };
  return { kind: "signal", signal, deploy, subject, defaultBranch: event.repository.default_branch };
};
