import type { AlertIncidentHost, LabelledItem } from "../../ports/alert-incident-host.js";
import { githubCall as wrap, httpStatus as status, type Octokit } from "./github-call.js";
import { octokitCommentHost } from "./octokit-comment-host.js";

type ListedIssue = {
  number: number;
  state: string;
  title: string;
  body?: string | null;
  html_url: string;
  pull_request?: unknown;
  labels: (string | { name?: string })[];
};

const toItem = (i: ListedIssue): LabelledItem => ({
  number: i.number,
  kind: i.pull_request ? "pull-request" : "issue",
  state: i.state === "closed" ? "closed" : "open",
  title: i.title,
  body: i.body ?? "",
  labels: i.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter((l) => l !== ""),
  url: i.html_url,
});

/** AlertIncidentHost over an installation-authenticated Octokit (github.com, GHES or the sandbox). */
export const octokitAlertIncidentHost = (octokit: Octokit): AlertIncidentHost => {
  const comments = octokitCommentHost(octokit);
  return {
    findBotComment: comments.findBotComment,
    createComment: comments.createComment,
    updateComment: comments.updateComment,

    listLabelled: (repo, label, which) =>
      wrap(`list ${which.state} issues labelled ${label}`, async () => {
        const base = { owner: repo.owner, repo: repo.name, labels: label, per_page: 100 };
        if (which.state === "open") return (await octokit.paginate(octokit.rest.issues.listForRepo, { ...base, state: "open" })).map(toItem);
        const { data } = await octokit.rest.issues.listForRepo({ ...base, state: "closed", sort: "updated", direction: "desc", per_page: Math.max(1, Math.min(which.limit, 100)) });
        return data.map(toItem);
      }),

    createIssue: (repo, issue) =>
      wrap("create issue", async () => toItem((await octokit.rest.issues.create({ owner: repo.owner, repo: repo.name, ...issue })).data)),

    updateIssue: (repo, number, patch) =>
      wrap(`update issue #${number}`, async () => {
        const reason = patch.state === "closed" ? { state_reason: "completed" as const } : {};
        await octokit.rest.issues.update({ owner: repo.owner, repo: repo.name, issue_number: number, ...patch, ...reason });
      }),

    addLabels: (repo, number, labels) =>
      wrap(`label #${number}`, async () => {
        await octokit.rest.issues.addLabels({ owner: repo.owner, repo: repo.name, issue_number: number, labels });
      }),

    removeLabel: (repo, number, label) =>
      wrap(`unlabel #${number}`, async () => {
        try {
          await octokit.rest.issues.removeLabel({ owner: repo.owner, repo: repo.name, issue_number: number, name: label });
        } catch (error) {
          // already gone (a human removed it): the goal is met
          if (status(error) !== 404) throw error;
        }
      }),

    pullRequestState: (repo, number) =>
      wrap(`get pull request #${number}`, async () => {
        try {
          const { data } = await octokit.rest.pulls.get({ owner: repo.owner, repo: repo.name, pull_number: number });
          return data.merged ? "merged" : data.state === "closed" ? "closed" : "open";
        } catch (error) {
          if (status(error) === 404) return null;
          throw error;
        }
      }),
  };
};
