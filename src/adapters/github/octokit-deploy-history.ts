import type { ChangedFile, CommitSummary, DeployHistory } from "../../ports/deploy-history.js";
import { githubCall, httpStatus, type Octokit } from "./github-call.js";

const RUNS_PAGE = 50;

type GitCommit = { sha: string; parents: { sha: string }[]; commit: { message: string; tree: { sha: string }; author: { name?: string; date?: string } | null }; author?: { login: string } | null };

type GitFile = { filename: string; status: string; previous_filename?: string; additions: number; deletions: number; patch?: string; sha?: string | null };

const toFile = (f: GitFile): ChangedFile => ({
  path: f.filename,
  status: f.status,
  previousPath: f.previous_filename ?? null,
  additions: f.additions,
  deletions: f.deletions,
  patch: f.patch ?? null,
  blobSha: f.sha ?? "",
});

/** A 404 (unknown commit) as null; other failures stay errors. */
const nullOn404 = async <T>(call: () => Promise<T>): Promise<T | null> => {
  try {
    return await call();
  } catch (error) {
    if (httpStatus((error as { cause?: unknown }).cause) === 404) return null;
    throw error;
  }
};

const toCommit = (c: GitCommit): CommitSummary => ({
  sha: c.sha,
  tree: c.commit.tree.sha,
  parents: c.parents.map((p) => p.sha),
  message: c.commit.message,
  author: c.author?.login ?? c.commit.author?.name ?? "unknown",
  date: c.commit.author?.date ?? "",
});

/** Deploy history through the REST API: workflow runs, deployments with their newest status, compare. */
export const octokitDeployHistory = (octokit: Octokit): DeployHistory => ({
  listWorkflowRuns: (repo, workflowId, branch) =>
    githubCall(`list runs of workflow ${workflowId}`, async () => {
      const { data } = await octokit.rest.actions.listWorkflowRuns({ owner: repo.owner, repo: repo.name, workflow_id: workflowId, branch, per_page: RUNS_PAGE });
      return data.workflow_runs.map((r) => ({
        id: r.id,
        runNumber: r.run_number,
        headSha: r.head_sha,
        headBranch: r.head_branch,
        conclusion: r.conclusion,
        status: r.status,
        createdAt: r.created_at,
        url: r.html_url,
      }));
    }),

  listDeployments: (repo, environment, limit, successes = 1) =>
    githubCall(`list deployments to ${environment}`, async () => {
      const { data } = await octokit.rest.repos.listDeployments({ owner: repo.owner, repo: repo.name, environment, per_page: limit });
      const out = [];
      // Statuses are read newest deployment first and only until enough successful ones are found:
      // that is all "last good" needs, and it keeps the call count low.
      let found = 0;
      for (const d of data) {
        const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ owner: repo.owner, repo: repo.name, deployment_id: d.id, per_page: 1 });
        const state = statuses[0]?.state ?? null;
        out.push({ id: d.id, sha: d.sha, ref: d.ref, environment: d.environment ?? environment, createdAt: d.created_at, state });
        if ((state === "success" || state === "inactive") && ++found >= successes) break;
      }
      return out;
    }),

  compare: (repo, base, head) =>
    nullOn404(() =>
      githubCall(`compare ${base.slice(0, 7)}...${head.slice(0, 7)}`, async () => {
        const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner: repo.owner, repo: repo.name, basehead: `${base}...${head}`, per_page: 100 });
        return {
          status: data.status,
          totalCommits: data.total_commits,
          commits: data.commits.map((c) => toCommit(c as GitCommit)),
          files: (data.files ?? []).map(toFile),
        };
      }),
    ),

  getCommit: (repo, sha) =>
    nullOn404(() =>
      githubCall(`get commit ${sha.slice(0, 7)}`, async () => {
        const { data } = await octokit.rest.repos.getCommit({ owner: repo.owner, repo: repo.name, ref: sha });
        return { ...toCommit(data as GitCommit), files: (data.files ?? []).map(toFile) };
      }),
    ),
});
