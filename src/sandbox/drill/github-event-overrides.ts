import type { DrillCheckRun, GithubDrillEvent } from "../../schemas/drill-event.js";
import type { CheckRunRecord, CheckSuiteRecord } from "../state/sandbox-state.js";
import type { z } from "zod";
import { renderDeployment, renderDeploymentStatus } from "../render/render-deployment.js";
import { renderWorkflow } from "../render/render-workflow.js";
import { renderCheckSuite } from "../render/render-check-run.js";
import { renderWorkflowRunFromGit } from "../render/render-workflow-run.js";
import { seedDeployment } from "../state/seed-deployment.js";
import { seedWorkflowRun } from "../state/seed-workflow-run.js";
import { deepMerge, isPlainObject } from "../webhooks/deep-merge.js";
import type { DrillPlayer } from "./drill-player.js";

type GithubEvent = z.infer<typeof GithubDrillEvent>;

const str = (o: Record<string, unknown>, key: string): string | undefined => (typeof o[key] === "string" ? (o[key] as string) : undefined);

/**
 * The sandbox objects behind a GitHub event (a workflow run with its jobs and logs, a deployment
 * with its status), created for real so the app's follow-up API calls find them, and rendered into
 * the payload. The drill's own `payload` is merged last and wins.
 */
export const githubEventOverrides = async (player: DrillPlayer, event: GithubEvent): Promise<Record<string, unknown>> => {
  const { sandbox, repoState, drill } = player;
  const env = sandbox.restContext();
  const payload = event.payload;
  if (event.github === "workflow_run") {
    const given = isPlainObject(payload["workflow_run"]) ? payload["workflow_run"] : {};
    // `id: "{{run.N}}"` delivers an existing run again (a redelivery, or one that arrives late)
    const existing = repoState.runs.find((r) => r.id === Number(given["id"]));
    if (existing) return deepMerge({ workflow_run: await renderWorkflowRunFromGit(env, repoState, existing) }, payload);
    const conclusion = "conclusion" in given ? ((given["conclusion"] as string | null) ?? null) : "failure";
    const run = seedWorkflowRun(sandbox.state, repoState, {
      name: str(given, "name") ?? "CI",
      ...(str(given, "path") ? { path: str(given, "path") } : {}),
      event: str(given, "event") ?? "push",
      headBranch: str(given, "head_branch") ?? drill.repo.default_branch,
      headSha: str(given, "head_sha") ?? player.seeded.commits.at(-1) ?? "",
      conclusion,
      status: event.action === "completed" || event.action === undefined ? "completed" : event.action === "requested" ? "queued" : "in_progress",
      jobs: (event.jobs ?? []).map((j) => ({ name: j.name, conclusion: j.conclusion, log: j.log, ...(j.steps ? { steps: j.steps } : {}) })),
    });
    player.seeded.runs.push(run.id);
    const workflow = repoState.workflows.find((w) => w.id === run.workflowId);
    const rendered = { workflow_run: await renderWorkflowRunFromGit(env, repoState, run), ...(workflow ? { workflow: renderWorkflow(env, repoState, workflow) } : {}) };
    return deepMerge(rendered, payload);
  }
  if ((event.github === "deployment_status" || event.github === "deployment") && event.deployment) {
    const deployment = seedDeployment(sandbox.state, repoState, {
      environment: event.deployment.environment,
      sha: event.deployment.sha,
      ref: event.deployment.ref ?? drill.repo.default_branch,
      state: event.state ?? (event.github === "deployment" ? "pending" : "failure"),
      ...(event.deployment.description ? { description: event.deployment.description } : {}),
    });
    const status = deployment.statuses.at(-1);
    // No Actions run behind a drill's deployment: GitHub sends `workflow_run: null` then.
    const rendered: Record<string, unknown> = { deployment: renderDeployment(env, repoState, deployment), workflow_run: null, workflow: null };
    if (event.github === "deployment_status" && status) {
      // GitHub sends empty strings for URLs a status does not have; the example's must not leak through.
      rendered["deployment_status"] = { log_url: "", target_url: "", environment_url: "", ...renderDeploymentStatus(env, repoState, deployment, status) };
    }
    return deepMerge(rendered, payload);
  }
  if (event.github === "check_suite") return deepMerge(await checkSuiteOverrides(player, payload, event.check_runs ?? []), payload);
  return payload;
};

/** A third-party CI's check suite, recorded in the sandbox so its id and times are the sandbox's own. */
const checkSuiteOverrides = async (player: DrillPlayer, payload: Record<string, unknown>, checkRuns: DrillCheckRun[]): Promise<Record<string, unknown>> => {
  const { sandbox, repoState, drill } = player;
  const given = isPlainObject(payload["check_suite"]) ? payload["check_suite"] : {};
  const app = isPlainObject(given["app"]) ? given["app"] : {};
  const now = sandbox.state.timestamp();
  const suite = {
    id: sandbox.state.id(),
    headSha: str(given, "head_sha") ?? player.seeded.commits.at(-1) ?? "",
    headBranch: str(given, "head_branch") ?? drill.repo.default_branch,
    status: "completed" as const,
    conclusion: "conclusion" in given ? ((given["conclusion"] as string | null) ?? null) : "failure",
    appId: 9_001,
    appSlug: str(app, "slug") ?? "third-party-ci",
    createdAt: now,
    updatedAt: now,
  };
  repoState.checkSuites.push(suite);
  for (const run of checkRuns) repoState.checkRuns.push(checkRunRecord(sandbox.state.id(), suite, run, now));
  const env = sandbox.restContext();
  const commit = await sandbox.git.getCommit(repoState.repo.owner, repoState.repo.name, suite.headSha);
  return { check_suite: renderCheckSuite(env, repoState, suite, checkRuns.length, commit) };
};

/** A drill's check run, completed in its suite, with its output and annotations as the app posted them. */
const checkRunRecord = (id: number, suite: CheckSuiteRecord, run: DrillCheckRun, now: string): CheckRunRecord => ({
  id,
  headSha: suite.headSha,
  name: run.name,
  status: "completed",
  conclusion: run.conclusion,
  startedAt: now,
  completedAt: now,
  output: {
    title: run.output?.title ?? null,
    summary: run.output?.summary ?? null,
    text: run.output?.text ?? null,
    annotations: run.annotations.map((a) => ({ ...a, end_line: a.end_line ?? a.start_line })),
  },
  appId: suite.appId,
  ...(suite.appSlug ? { appSlug: suite.appSlug } : {}),
  externalId: null,
  detailsUrl: null,
  checkSuiteId: suite.id,
});
