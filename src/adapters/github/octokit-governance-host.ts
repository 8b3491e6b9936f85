import type { GovernanceHost, GovernedPullRequest } from "../../ports/governance-host.js";
import { githubCall, httpStatus, type Octokit } from "./github-call.js";
import { octokitChangePublisher } from "./octokit-change-publisher.js";
import { octokitCommentHost } from "./octokit-comment-host.js";
import { listHeadChecks, readRequiredChecks } from "./octokit-head-checks.js";
import { ensureOwnCheckRun, findOwnCheckRun } from "./octokit-own-check-runs.js";

type RawPull = {
  number: number;
  html_url: string;
  title: string;
  state: string;
  merged_at: string | null;
  draft?: boolean;
  user: { login: string } | null;
  head: { ref: string; sha: string };
  base: { ref: string };
  body: string | null;
  labels: { name?: string }[];
};

const toGoverned = (p: RawPull): GovernedPullRequest => ({
  number: p.number,
  url: p.html_url,
  title: p.title,
  state: p.state === "open" ? "open" : "closed",
  merged: p.merged_at !== null,
  draft: p.draft ?? false,
  author: p.user?.login ?? null,
  headRef: p.head.ref,
  headSha: p.head.sha,
  baseRef: p.base.ref,
  body: p.body ?? "",
  labels: p.labels.flatMap((l) => (l.name ? [l.name] : [])),
});

/** GovernanceHost over an installation-authenticated Octokit; `appId` tells the bot's check runs from others'. */
export const octokitGovernanceHost = (octokit: Octokit, options: { appId?: number } = {}): GovernanceHost => {
  const appId = options.appId ?? null;
  const comments = octokitCommentHost(octokit);
  const publisher = octokitChangePublisher(octokit, options);
  return {
    findBotComment: comments.findBotComment,
    createComment: comments.createComment,
    updateComment: comments.updateComment,
    getPermission: comments.getPermission,
    ensureCheckRun: (repo, check, write) => ensureOwnCheckRun(octokit, appId, repo, check, write?.fresh ?? false),
    hasOpenItemWithLabel: publisher.hasOpenItemWithLabel,
    findOwnCheckRun: (repo, sha, name) => findOwnCheckRun(octokit, appId, repo, sha, name),
    listChecks: (repo, sha) => listHeadChecks(octokit, repo, sha),
    requiredChecks: (repo, branch) => readRequiredChecks(octokit, repo, branch),

    getPullRequest: async (repo, number) => {
      try {
        const { data } = await octokit.rest.pulls.get({ owner: repo.owner, repo: repo.name, pull_number: number });
        return toGoverned(data as RawPull);
      } catch (error) {
        if (httpStatus(error) === 404) return null;
        return githubCall(`get pull request #${number}`, () => Promise.reject(error));
      }
    },

    findOpenPullRequest: (repo, branch) =>
      githubCall(`find the open pull request from ${branch}`, async () => {
        const { data } = await octokit.rest.pulls.list({ owner: repo.owner, repo: repo.name, head: `${repo.owner}:${branch}`, state: "open", per_page: 1 });
        return data[0]?.number ?? null;
      }),

    listReviews: (repo, number) =>
      githubCall(`list reviews of #${number}`, async () => {
        const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { owner: repo.owner, repo: repo.name, pull_number: number, per_page: 100 });
        return reviews.map((r) => ({ user: r.user?.login ?? null, state: r.state, commitId: r.commit_id ?? null, submittedAt: r.submitted_at ?? null }));
      }),

    listFiles: (repo, number) =>
      githubCall(`list files of #${number}`, async () => {
        const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: repo.owner, repo: repo.name, pull_number: number, per_page: 100 });
        return files.map((f) => f.filename);
      }),

    readDefaultBranchFile: async (repo, path) => {
      try {
        const { data } = await octokit.rest.repos.getContent({ owner: repo.owner, repo: repo.name, path });
        return Array.isArray(data) || data.type !== "file" || !("content" in data) ? null : Buffer.from(data.content, "base64").toString("utf8");
      } catch (error) {
        if (httpStatus(error) === 404) return null;
        return githubCall(`read ${path}`, () => Promise.reject(error));
      }
    },

    listCommits: (repo, number) =>
      githubCall(`list commits of #${number}`, async () => {
        const commits = await octokit.paginate(octokit.rest.pulls.listCommits, { owner: repo.owner, repo: repo.name, pull_number: number, per_page: 100 });
        return commits.map((c) => ({ sha: c.sha, author: c.author?.login ?? c.commit.author?.name ?? null, message: c.commit.message }));
      }),

    teamMembership: async (org, teamSlug, login) => {
      try {
        const { data } = await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: teamSlug, username: login });
        return data.state === "active" ? "member" : "not-member";
      } catch (error) {
        const status = httpStatus(error);
        // 404: no such membership (or team); 403: the app lacks the organisation's members: read
        if (status === 404) return "not-member";
        if (status === 403) return "unknown";
        return githubCall(`read the membership of ${login} in ${org}/${teamSlug}`, () => Promise.reject(error));
      }
    },

    addLabels: (repo, number, labels) =>
      githubCall(`label #${number}`, async () => {
        await octokit.rest.issues.addLabels({ owner: repo.owner, repo: repo.name, issue_number: number, labels });
      }),

    merge: async (repo, number, merge) => {
      try {
        const { data } = await octokit.rest.pulls.merge({
          owner: repo.owner,
          repo: repo.name,
          pull_number: number,
          sha: merge.sha,
          merge_method: "merge",
          commit_title: merge.title,
          commit_message: merge.message,
        });
        return { kind: "merged", sha: data.sha };
      } catch (error) {
        const status = httpStatus(error);
        if (status === 409) return { kind: "head-moved" };
        if (status === 405 || status === 422) return { kind: "not-mergeable", message: error instanceof Error ? error.message : String(error) };
        return githubCall(`merge #${number}`, () => Promise.reject(error));
      }
    },
  };
};
