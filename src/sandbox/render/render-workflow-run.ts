import type { CommitInfo, GitStore } from "../git/git-store.js";
import type { RepoState, WorkflowRunRecord } from "../state/sandbox-state.js";
import { runCheckSuiteId } from "../state/workflow-run-attempts.js";
import { nodeId, repoBase, type RenderEnv } from "./render-env.js";
import { renderRepository } from "./render-repository.js";
import { renderSimpleCommit } from "./render-simple-commit.js";
import { renderUser } from "./render-user.js";

/** GitHub's `pull-request-minimal` list: open same-repository pull requests whose head is the run's. */
const pullRequestsOf = (env: RenderEnv, repoState: RepoState, run: WorkflowRunRecord): Record<string, unknown>[] => {
  const { api } = repoBase(env, repoState.repo);
  const repoRef = { id: repoState.repo.id, url: api, name: repoState.repo.name };
  return repoState.issues
    .filter((i) => i.pull && i.state === "open" && i.pull.head === run.headBranch && i.pull.headSha === run.headSha)
    .map((i) => ({
      id: i.pull?.id,
      number: i.number,
      url: `${api}/pulls/${i.number}`,
      head: { ref: i.pull?.head, sha: i.pull?.headSha, repo: repoRef },
      base: { ref: i.pull?.base, sha: i.pull?.baseSha, repo: repoRef },
    }));
};

/**
 * GitHub's `workflow-run`, also the `workflow_run` of webhook payloads. `headCommit` is the git
 * commit of `run.headSha` (null when git does not know it; the REST schema allows that).
 */
export const renderWorkflowRun = (
  env: RenderEnv,
  repoState: RepoState,
  run: WorkflowRunRecord,
  headCommit: CommitInfo | null,
): Record<string, unknown> => {
  const { api, html } = repoBase(env, repoState.repo);
  const url = `${api}/actions/runs/${run.id}`;
  const workflow = repoState.workflows.find((w) => w.id === run.workflowId);
  const actor = renderUser(env.state.ensureUser(run.actor ?? repoState.repo.owner), env.apiUrl, env.origin);
  const repository = renderRepository(repoState, env.state, env.apiUrl, env.origin);
  const suiteId = runCheckSuiteId(run);
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId("WorkflowRun", run.id),
    check_suite_id: suiteId,
    check_suite_node_id: nodeId("CheckSuite", suiteId),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: workflow?.path ?? "",
    display_title: run.displayTitle ?? headCommit?.message.split("\n")[0] ?? run.name,
    run_number: run.runNumber,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    url,
    html_url: `${html}/actions/runs/${run.id}`,
    pull_requests: pullRequestsOf(env, repoState, run),
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    actor,
    triggering_actor: actor,
    run_attempt: run.runAttempt,
    referenced_workflows: [],
    run_started_at: run.runStartedAt ?? run.createdAt,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${api}/check-suites/${suiteId}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: run.runAttempt > 1 ? `${url}/attempts/${run.runAttempt - 1}` : null,
    workflow_url: `${api}/actions/workflows/${run.workflowId}`,
    head_commit: headCommit ? renderSimpleCommit(headCommit) : null,
    repository,
    head_repository: repository,
    head_repository_id: repoState.repo.id,
  };
};

/** `renderWorkflowRun` with the head commit read from git. */
export const renderWorkflowRunFromGit = async (
  env: RenderEnv & { git: GitStore },
  repoState: RepoState,
  run: WorkflowRunRecord,
): Promise<Record<string, unknown>> => {
  const commit = await env.git.getCommit(repoState.repo.owner, repoState.repo.name, run.headSha);
  return renderWorkflowRun(env, repoState, run, commit);
};
