import type { CheckRunAnnotation, CodeHost, FailedCheckRun, FailedJob, IssueRef, KnowledgeItem } from "../../ports/code-host.js";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import { streamJobLog } from "./stream-job-log.js";
import { octokitCommentHost } from "./octokit-comment-host.js";
import { PER_PAGE, readPages } from "./read-pages.js";
import { githubCall as wrap, httpStatus as status, type Octokit } from "./github-call.js";

const FAILED_CHECK = new Set(["failure", "timed_out", "action_required"]);
const isFailedCheck = (run: { conclusion: string | null }): boolean => FAILED_CHECK.has(run.conclusion ?? "");
const MAX_CHECK_RUNS = 5;
const MAX_ANNOTATIONS = 50;
const LEVEL_RANK: Record<CheckRunAnnotation["level"], number> = { failure: 0, warning: 1, notice: 2 };

/** CodeHost over an installation-authenticated Octokit (github.com, GHES or the sandbox). */
export const octokitCodeHost = (octokit: Octokit): CodeHost => ({
  ...octokitCommentHost(octokit),

  readDefaultBranchFile: async (repo, path) => {
    try {
      const { data } = await octokit.rest.repos.getContent({ owner: repo.owner, repo: repo.name, path });
      if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return null;
      return Buffer.from(data.content, "base64").toString("utf8");
    } catch (error) {
      if (status(error) === 404) return null;
      throw new AgenticOpsError("CODE_HOST_FAILED", `could not read ${path}`, { cause: error });
    }
  },

  listFailedJobs: (repo, runId) =>
    wrap(`list jobs of run ${runId}`, async () => {
      const jobs = await octokit.paginate(octokit.rest.actions.listJobsForWorkflowRun, {
        owner: repo.owner,
        repo: repo.name,
        run_id: runId,
        filter: "latest",
        per_page: 100,
      });
      return jobs
        .filter((j) => j.conclusion === "failure" || j.conclusion === "timed_out")
        .map(
          (j): FailedJob => ({
            id: j.id,
            name: j.name,
            conclusion: j.conclusion ?? "failure",
            url: j.html_url ?? j.url,
            failedStep: j.steps?.find((s) => s.conclusion === "failure")?.name ?? null,
          }),
        );
    }),

  readJobLogTail: (repo, jobId, maxBytes) =>
    wrap(`download log of job ${jobId}`, async () => {
      // GitHub answers 302 to a signed URL; Octokit's fetch follows it.
      const { data } = await octokit.rest.actions.downloadJobLogsForWorkflowRun({ owner: repo.owner, repo: repo.name, job_id: jobId });
      const text = typeof data === "string" ? data : Buffer.from(data as ArrayBuffer).toString("utf8");
      return text.length > maxBytes ? text.slice(text.length - maxBytes) : text;
    }),

  streamJobLog: (repo, jobId, maxBytes) => streamJobLog(octokit, repo, jobId, maxBytes),

  listFailedCheckRuns: (repo, suiteId) =>
    wrap(`list check runs of suite ${suiteId}`, async () => {
      const pages = octokit.paginate.iterator(octokit.rest.checks.listForSuite, { owner: repo.owner, repo: repo.name, check_suite_id: suiteId, status: "completed", per_page: PER_PAGE });
      // Every page until five failures are found: a large suite's failures may all sit past page one.
      const listed = await readPages(pages, { enough: (runs) => runs.filter(isFailedCheck).length >= MAX_CHECK_RUNS });
      const failed = listed.items.filter(isFailedCheck).slice(0, MAX_CHECK_RUNS);
      return {
        capped: listed.capped && failed.length < MAX_CHECK_RUNS,
        items: failed.map(
          (r): FailedCheckRun => ({
            id: r.id,
            name: r.name,
            conclusion: r.conclusion ?? "failure",
            url: r.html_url ?? r.details_url ?? r.url,
            title: r.output.title ?? null,
            summary: r.output.summary ?? null,
            text: r.output.text ?? null,
          }),
        ),
      };
    }),

  listCheckRunAnnotations: (repo, checkRunId) =>
    wrap(`list annotations of check run ${checkRunId}`, async () => {
      // All pages: the API lists annotations in the order the app posted them, not failures first.
      const pages = octokit.paginate.iterator(octokit.rest.checks.listAnnotations, { owner: repo.owner, repo: repo.name, check_run_id: checkRunId, per_page: PER_PAGE });
      const listed = await readPages(pages);
      const items = listed.items
        .map(
          (a): CheckRunAnnotation => ({
            path: a.path,
            startLine: a.start_line,
            level: a.annotation_level === "failure" || a.annotation_level === "warning" ? a.annotation_level : "notice",
            title: a.title ?? null,
            message: a.message ?? "",
          }),
        )
        .sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level])
        .slice(0, MAX_ANNOTATIONS);
      return { items, capped: listed.capped };
    }),

  findIssueByMarker: (repo, needle, label) =>
    wrap("find incident issue", async () => {
      const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
        owner: repo.owner,
        repo: repo.name,
        labels: label,
        state: "all",
        per_page: 100,
      });
      const found = issues.find((i) => !i.pull_request && (i.body ?? "").includes(needle));
      return found ? toIssueRef(found) : null;
    }),

  createIssue: (repo, issue) =>
    wrap("create issue", async () => {
      const { data } = await octokit.rest.issues.create({ owner: repo.owner, repo: repo.name, ...issue });
      return toIssueRef(data);
    }),

  updateIssueBody: (repo, number, body) =>
    wrap(`update issue #${number}`, async () => {
      await octokit.rest.issues.update({ owner: repo.owner, repo: repo.name, issue_number: number, body });
    }),

  rerunFailedJobs: (repo, runId) =>
    wrap(`re-run the failed jobs of run ${runId}`, async () => {
      await octokit.rest.actions.reRunWorkflowFailedJobs({ owner: repo.owner, repo: repo.name, run_id: runId });
    }),

  listKnowledgeItems: (repo, label, limit) =>
    wrap(`list issues labelled ${label}`, async () => {
      // One page on purpose: issues and pull requests both come from the issues endpoint.
      const { data } = await octokit.rest.issues.listForRepo({
        owner: repo.owner,
        repo: repo.name,
        labels: label,
        state: "all",
        sort: "created",
        direction: "desc",
        per_page: Math.max(1, Math.min(limit, 100)),
      });
      return data.slice(0, limit).map(
        (i): KnowledgeItem => ({
          number: i.number,
          kind: i.pull_request ? "pull-request" : "issue",
          title: i.title,
          body: i.body ?? "",
          url: i.html_url,
          state: i.state === "closed" ? "closed" : "open",
        }),
      );
    }),
});

const toIssueRef = (issue: { number: number; html_url: string; body?: string | null }): IssueRef => ({
  number: issue.number,
  url: issue.html_url,
  body: issue.body ?? "",
});

