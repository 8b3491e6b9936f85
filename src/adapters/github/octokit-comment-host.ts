import type { CommentHost, CommentRef, RepoPermission, WorkflowRunRef } from "../../ports/comment-host.js";
import { githubCall as wrap, httpStatus as status, type Octokit } from "./github-call.js";

const ROLES: readonly RepoPermission[] = ["admin", "maintain", "write", "triage", "read", "none"];

type Comment = { id: number; html_url: string; body?: string | null; user: { type?: string } | null };
type Run = {
  id: number;
  name?: string | null;
  path: string;
  html_url: string;
  head_sha: string;
  head_branch: string | null;
  status: string | null;
  conclusion: string | null;
  workflow_id: number;
  run_number: number;
  event: string;
  pull_requests?: { number: number; base?: { sha?: string } }[] | null;
};

const toCommentRef = (c: Comment): CommentRef => ({ id: c.id, url: c.html_url, body: c.body ?? "" });

const toRunRef = (run: Run): WorkflowRunRef => ({
  id: run.id,
  name: run.name || run.path,
  url: run.html_url,
  headSha: run.head_sha,
  headBranch: run.head_branch,
  status: run.status,
  conclusion: run.conclusion,
  workflowId: run.workflow_id,
  runNumber: run.run_number,
  event: run.event,
  pullRequests: (run.pull_requests ?? []).map((p) => ({ number: p.number, baseSha: p.base?.sha ?? null })),
});

/** `null` for GitHub's 404 (no such run, pull request or user), the value otherwise. */
const orNull = async <T>(what: string, call: () => Promise<T>): Promise<T | null> =>
  wrap(what, async () => {
    try {
      return await call();
    } catch (error) {
      if (status(error) === 404) return null;
      throw error;
    }
  });

/** CommentHost over an installation-authenticated Octokit; part of octokitCodeHost. */
export const octokitCommentHost = (octokit: Octokit): CommentHost => ({
  findBotComment: (repo, target, needle) =>
    wrap("find the bot's comment", async () => {
      const base = { owner: repo.owner, repo: repo.name, per_page: 100 };
      const comments: Comment[] =
        target.kind === "issue"
          ? await octokit.paginate(octokit.rest.issues.listComments, { ...base, issue_number: target.number })
          : await octokit.paginate(octokit.rest.repos.listCommentsForCommit, { ...base, commit_sha: target.sha });
      // a human can quote the bot's marker; only a bot's own comment is the bot's state
      const found = comments.find((c) => c.user?.type === "Bot" && (c.body ?? "").includes(needle));
      return found ? toCommentRef(found) : null;
    }),

  createComment: (repo, target, body) =>
    wrap(`comment on ${target.kind === "issue" ? `#${target.number}` : target.sha.slice(0, 7)}`, async () => {
      const base = { owner: repo.owner, repo: repo.name, body };
      const { data } =
        target.kind === "issue"
          ? await octokit.rest.issues.createComment({ ...base, issue_number: target.number })
          : await octokit.rest.repos.createCommitComment({ ...base, commit_sha: target.sha });
      return toCommentRef(data);
    }),

  updateComment: (repo, target, commentId, body) =>
    wrap(`update comment ${commentId}`, async () => {
      const base = { owner: repo.owner, repo: repo.name, comment_id: commentId, body };
      if (target.kind === "issue") await octokit.rest.issues.updateComment(base);
      else await octokit.rest.repos.updateCommitComment(base);
    }),

  getPermission: async (repo, login) => {
    const data = await orNull(`permission of ${login}`, async () =>
      (await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: repo.owner, repo: repo.name, username: login })).data,
    );
    if (!data) return "none";
    // role_name tells maintain from write; the legacy `permission` folds them together
    const role = ROLES.find((r) => r === data.role_name) ?? ROLES.find((r) => r === data.permission);
    return role ?? "none";
  },

  getWorkflowRun: async (repo, runId) => {
    const run = await orNull(`get run ${runId}`, async () => (await octokit.rest.actions.getWorkflowRun({ owner: repo.owner, repo: repo.name, run_id: runId })).data);
    return run ? toRunRef(run) : null;
  },

  findLatestFailedRun: (repo, where) =>
    wrap("find the latest failed run", async () => {
      const filter = "headSha" in where ? { head_sha: where.headSha } : { branch: where.branch };
      const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({ owner: repo.owner, repo: repo.name, status: "failure", per_page: 1, ...filter });
      const [newest] = data.workflow_runs;
      return newest ? toRunRef(newest) : null;
    }),

  getPullRequestHead: async (repo, number) => {
    const pull = await orNull(`get pull request #${number}`, async () => (await octokit.rest.pulls.get({ owner: repo.owner, repo: repo.name, pull_number: number })).data);
    return pull ? pull.head.sha : null;
  },
});
