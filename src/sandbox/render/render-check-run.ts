import type { CommitInfo } from "../git/git-store.js";
import type { CheckRunRecord, CheckSuiteRecord, RepoState } from "../state/sandbox-state.js";
import { nodeId, repoBase, type RenderEnv } from "./render-env.js";
import { renderIntegration } from "./render-integration.js";
import { renderRepository } from "./render-repository.js";
import { renderSimpleCommit } from "./render-simple-commit.js";

/** What the sandbox stores of an annotation: the request's fields. */
export interface AnnotationInput {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: string;
  message: string;
  title?: string;
  raw_details?: string;
}

/** Open same-repository pull requests whose head is `sha` (`pull-request-minimal`). */
const pullRequestsAt = (env: RenderEnv, repoState: RepoState, sha: string): Record<string, unknown>[] => {
  const { api } = repoBase(env, repoState.repo);
  const repoRef = { id: repoState.repo.id, url: api, name: repoState.repo.name };
  return repoState.issues.flatMap((i) =>
    i.pull && i.state === "open" && i.pull.headSha === sha
      ? [{ id: i.pull.id, number: i.number, url: `${api}/pulls/${i.number}`, head: { ref: i.pull.head, sha, repo: repoRef }, base: { ref: i.pull.base, sha: i.pull.baseSha, repo: repoRef } }]
      : [],
  );
};

const appOf = (env: RenderEnv, record: { appId: number; appSlug?: string }) =>
  renderIntegration(env, record.appId, record.appSlug ?? `app-${record.appId}`);

/** GitHub's `check-run`. */
export const renderCheckRun = (env: RenderEnv, repoState: RepoState, run: CheckRunRecord): Record<string, unknown> => {
  const { api, html } = repoBase(env, repoState.repo);
  const url = `${api}/check-runs/${run.id}`;
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: nodeId("CheckRun", run.id),
    external_id: run.externalId,
    url,
    html_url: `${html}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.output.annotations.length,
      annotations_url: `${url}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.checkSuiteId },
    app: appOf(env, run),
    pull_requests: pullRequestsAt(env, repoState, run.headSha),
  };
};

/** GitHub's `check-annotation`. */
export const renderCheckAnnotation = (env: RenderEnv, repoState: RepoState, run: CheckRunRecord, a: AnnotationInput): Record<string, unknown> => ({
  path: a.path,
  start_line: a.start_line,
  end_line: a.end_line,
  start_column: a.start_column ?? null,
  end_column: a.end_column ?? null,
  annotation_level: a.annotation_level,
  title: a.title ?? null,
  message: a.message,
  raw_details: a.raw_details ?? null,
  blob_href: `${repoBase(env, repoState.repo).html}/blob/${run.headSha}/${a.path}`,
});

/** GitHub's `check-suite`; `headCommit` is the git commit of the suite's head sha. */
export const renderCheckSuite = (
  env: RenderEnv,
  repoState: RepoState,
  suite: CheckSuiteRecord,
  runsCount: number,
  headCommit: CommitInfo | null,
): Record<string, unknown> => {
  const { api } = repoBase(env, repoState.repo);
  const url = `${api}/check-suites/${suite.id}`;
  return {
    id: suite.id,
    node_id: nodeId("CheckSuite", suite.id),
    head_branch: suite.headBranch || null,
    head_sha: suite.headSha,
    status: suite.status,
    conclusion: suite.conclusion,
    url,
    before: null,
    after: suite.headSha,
    pull_requests: pullRequestsAt(env, repoState, suite.headSha),
    app: appOf(env, suite),
    repository: renderRepository(repoState, env.state, env.apiUrl, env.origin),
    created_at: suite.createdAt ?? null,
    updated_at: suite.updatedAt ?? null,
    head_commit: headCommit
      ? renderSimpleCommit(headCommit)
      : { id: suite.headSha, tree_id: "", message: "", timestamp: suite.createdAt ?? "", author: null, committer: null },
    latest_check_runs_count: runsCount,
    check_runs_url: `${url}/check-runs`,
    rerequestable: true,
    runs_rerequestable: true,
  };
};
