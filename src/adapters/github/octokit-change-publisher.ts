import type { ChangePublisher, PullRequestRef } from "../../ports/change-publisher.js";
import { githubCall, httpStatus, type Octokit } from "./github-call.js";
import { ensureOwnCheckRun } from "./octokit-own-check-runs.js";

type Pull = { number: number; html_url: string; state: string; merged_at: string | null; head: { sha: string }; body: string | null };

const toRef = (p: Pull): PullRequestRef => ({
  number: p.number,
  url: p.html_url,
  state: p.state === "open" ? "open" : "closed",
  merged: p.merged_at !== null,
  headSha: p.head.sha,
  body: p.body ?? "",
});

/**
 * Branches, commits and pull requests through the REST API (Git Data API for commits: no clone).
 * `appId` identifies the bot's own check runs; without it any run of the same name is taken as its own.
 */
export const octokitChangePublisher = (octokit: Octokit, options: { appId?: number } = {}): ChangePublisher => ({
  readFile: async (repo, path, ref) => {
    try {
      const { data } = await octokit.rest.repos.getContent({ owner: repo.owner, repo: repo.name, path, ref });
      if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return null;
      return { path, text: Buffer.from(data.content, "base64").toString("utf8"), blobSha: data.sha };
    } catch (error) {
      if (httpStatus(error) === 404) return null;
      return githubCall(`read ${path}@${ref}`, () => Promise.reject(error));
    }
  },

  commitToNewBranch: async (repo, change) => {
    const { owner, name } = repo;
    const tree = await githubCall("create tree", () =>
      octokit.rest.git.createTree({ owner, repo: name, base_tree: change.baseTree, tree: change.files.map((f) => ({ path: f.path, mode: "100644" as const, type: "blob" as const, content: f.text })) }),
    );
    const commit = await githubCall("create commit", () =>
      octokit.rest.git.createCommit({ owner, repo: name, message: change.message, tree: tree.data.sha, parents: [change.parent], author: change.author, committer: change.author }),
    );
    try {
      await octokit.rest.git.createRef({ owner, repo: name, ref: `refs/heads/${change.branch}`, sha: commit.data.sha });
      return { kind: "created", sha: commit.data.sha };
    } catch (error) {
      // "Reference already exists": the lock is taken; the commit object stays unreferenced.
      if (httpStatus(error) === 422) return { kind: "exists" };
      return githubCall(`create branch ${change.branch}`, () => Promise.reject(error));
    }
  },

  branchHeadMessage: async (repo, branch) => {
    try {
      const { data } = await octokit.rest.repos.getCommit({ owner: repo.owner, repo: repo.name, ref: `heads/${branch}`, per_page: 1 });
      return data.commit.message;
    } catch (error) {
      const status = httpStatus(error);
      if (status === 404 || status === 422) return null;
      return githubCall(`read the tip of ${branch}`, () => Promise.reject(error));
    }
  },

  findPullRequests: (repo, branch) =>
    githubCall(`find pull requests from ${branch}`, async () => {
      const { data } = await octokit.rest.pulls.list({ owner: repo.owner, repo: repo.name, head: `${repo.owner}:${branch}`, state: "all", per_page: 10 });
      return data.map((p) => toRef(p as Pull));
    }),

  createPullRequest: (repo, pr) =>
    githubCall("create pull request", async () => {
      const { data } = await octokit.rest.pulls.create({ owner: repo.owner, repo: repo.name, ...pr, maintainer_can_modify: false });
      return toRef(data as Pull);
    }),

  addLabels: (repo, number, labels) =>
    githubCall(`label #${number}`, async () => {
      await octokit.rest.issues.addLabels({ owner: repo.owner, repo: repo.name, issue_number: number, labels });
    }),

  requestReviewers: (repo, number, reviewers) =>
    githubCall(`request reviewers on #${number}`, async () => {
      await octokit.rest.pulls.requestReviewers({ owner: repo.owner, repo: repo.name, pull_number: number, reviewers: reviewers.users, team_reviewers: reviewers.teams });
    }),

  comment: (repo, number, body) =>
    githubCall(`comment on #${number}`, async () => {
      await octokit.rest.issues.createComment({ owner: repo.owner, repo: repo.name, issue_number: number, body });
    }),

  listComments: (repo, number) =>
    githubCall(`list comments of #${number}`, async () => {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner: repo.owner, repo: repo.name, issue_number: number, per_page: 100 });
      return comments.map((c) => c.body ?? "");
    }),

  ensureCheckRun: (repo, check, write) => ensureOwnCheckRun(octokit, options.appId ?? null, repo, check, write?.fresh ?? false),

  listRecentPullRequests: (repo, since, headPrefix) =>
    githubCall("list recent pull requests", async () => {
      // newest first, one page: enough for limits of at most 100 an hour
      const { data } = await octokit.rest.pulls.list({ owner: repo.owner, repo: repo.name, state: "all", sort: "created", direction: "desc", per_page: 100 });
      return data
        .filter((p) => p.head.ref.startsWith(headPrefix) && Date.parse(p.created_at) >= since.getTime())
        .map((p) => ({ number: p.number, head: p.head.ref, createdAt: p.created_at }));
    }),

  hasOpenItemWithLabel: (repo, label) =>
    githubCall(`look for open items labelled ${label}`, async () => {
      const { data } = await octokit.rest.issues.listForRepo({ owner: repo.owner, repo: repo.name, labels: label, state: "open", per_page: 1 });
      return data.length > 0;
    }),
});
