import type { Octokit } from "@octokit/rest";
import { parseCommitTrailers } from "../../core/act/commit-trailers.js";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import { markerNeedle, readMarker } from "../../core/render/hidden-marker.js";
import { POLICY_CHECK_NAME } from "../../core/render/render-policy-check.js";
import type { AuditFacts, AuditPullRequest } from "../../core/verify/audit-timeline.js";
import type { RepoRef } from "../../schemas/signal.js";
import { githubCall, httpStatus } from "./github-call.js";

export type AuditTarget = { kind: "incident"; incident: string } | { kind: "pull-request"; number: number };

const BRANCH_PREFIX = "agenticops/";
const LABEL = "agenticops";
const INCIDENT = /^inc-[0-9a-f]{12}$/;

const call = githubCall;

/** null on 404: "not there" is an answer here, not a failure. */
const orNull = async <T>(what: string, run: () => Promise<T>): Promise<T | null> => {
  try {
    return await run();
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    return githubCall(what, () => Promise.reject(error));
  }
};

type RawPull = Awaited<ReturnType<Octokit["rest"]["pulls"]["get"]>>["data"];

const toPullRequest = (pr: RawPull): AuditPullRequest => ({
  number: pr.number,
  title: pr.title,
  state: pr.state === "open" ? "open" : "closed",
  merged: pr.merged_at !== null,
  createdAt: pr.created_at,
  closedAt: pr.closed_at,
  mergedAt: pr.merged_at,
  mergedBy: pr.merged_by?.login ?? null,
  author: pr.user?.login ?? null,
  headBranch: pr.head.ref,
  body: pr.body,
});

/** The incident a PR belongs to: its marker, else its branch name, else its commits' trailers. */
const incidentOf = (pr: AuditPullRequest, messages: string[]): string | null => {
  const fromMarker = readMarker(pr.body)?.incident;
  if (fromMarker) return fromMarker;
  const fromBranch = pr.headBranch.startsWith(BRANCH_PREFIX) ? pr.headBranch.slice(BRANCH_PREFIX.length) : "";
  if (INCIDENT.test(fromBranch)) return fromBranch;
  return messages.map((m) => parseCommitTrailers(m).incident).find((i) => i !== undefined && INCIDENT.test(i)) ?? null;
};

/**
 * Everything GitHub records about one incident, for `agenticops audit`. Returns null when
 * neither a pull request nor an incident issue exists for it.
 */
export const fetchAuditFacts = async (octokit: Octokit, repo: RepoRef, target: AuditTarget): Promise<AuditFacts | null> => {
  const base = { owner: repo.owner, repo: repo.name };
  const pr = await findPullRequest(octokit, repo, target);
  const commits = pr
    ? (await call(`list commits of #${pr.number}`, () => octokit.paginate(octokit.rest.pulls.listCommits, { ...base, pull_number: pr.number, per_page: 100 }))).map((c) => ({
        sha: c.sha,
        message: c.commit.message,
        author: c.author?.login ?? c.commit.author?.name ?? null,
        date: c.commit.author?.date ?? c.commit.committer?.date ?? "",
      }))
    : [];
  const incident = target.kind === "incident" ? target.incident : pr ? incidentOf(pr, commits.map((c) => c.message)) : null;
  if (incident === null) {
    if (!pr) return null;
    throw new AgenticOpsError("NOT_FOUND", `pull request #${pr.number} is not an AgenticOps pull request`, {
      hint: "pass the incident id or the number of a pull request the bot opened (branch agenticops/inc-…)",
      details: { number: pr.number, head: pr.headBranch },
    });
  }
  const issue = await findIncidentIssue(octokit, repo, incident);
  if (!pr && !issue) return null;

  const reviews = pr ? await call(`list reviews of #${pr.number}`, () => octokit.paginate(octokit.rest.pulls.listReviews, { ...base, pull_number: pr.number, per_page: 100 })) : [];
  const threads = [...(pr ? [{ number: pr.number, on: "pr" as const }] : []), ...(issue ? [{ number: issue.number, on: "issue" as const }] : [])];
  const comments: AuditFacts["comments"] = [];
  const labelEvents: NonNullable<AuditFacts["labelEvents"]> = [];
  for (const { number, on } of threads) {
    const listed = await call(`list comments of #${number}`, () => octokit.paginate(octokit.rest.issues.listComments, { ...base, issue_number: number, per_page: 100 }));
    comments.push(...listed.map((c) => ({ user: c.user?.login ?? null, body: c.body ?? "", createdAt: c.created_at, on })));
    const events = (await orNull(`list events of #${number}`, () => octokit.paginate(octokit.rest.issues.listEvents, { ...base, issue_number: number, per_page: 100 }))) ?? [];
    for (const e of events) {
      if ((e.event !== "labeled" && e.event !== "unlabeled") || !("label" in e) || !e.label) continue;
      labelEvents.push({ actor: e.actor?.login ?? null, label: e.label.name, action: e.event, createdAt: e.created_at, on });
    }
  }
  const head = commits.at(-1)?.sha;
  const policyCheck = pr && head ? await findPolicyCheck(octokit, repo, head, pr.author) : null;
  return {
    incident,
    pullRequest: pr,
    policyCheck,
    commits,
    reviews: reviews.map((r) => ({ user: r.user?.login ?? null, state: r.state, submittedAt: r.submitted_at ?? null, commitId: r.commit_id ?? null })),
    comments,
    issue: issue ? { number: issue.number, createdAt: issue.created_at, closedAt: issue.closed_at, body: issue.body ?? null } : null,
    labelEvents,
  };
};

/** The bot's `agenticops/policy` check on the head: the run of that name whose app is the PR's author. */
const findPolicyCheck = async (octokit: Octokit, repo: RepoRef, sha: string, author: string | null): Promise<AuditFacts["policyCheck"]> => {
  const slug = author?.endsWith("[bot]") ? author.slice(0, -"[bot]".length) : null;
  if (!slug) return null;
  const listed = await orNull(`list the policy check on ${sha.slice(0, 7)}`, () =>
    octokit.rest.checks.listForRef({ owner: repo.owner, repo: repo.name, ref: sha, check_name: POLICY_CHECK_NAME, filter: "latest", per_page: 10 }),
  );
  const run = (listed?.data.check_runs ?? []).filter((r) => r.app?.slug === slug).sort((a, b) => b.id - a.id)[0];
  return run ? { headSha: run.head_sha, status: run.status, conclusion: run.conclusion ?? null, title: run.output.title ?? null, completedAt: run.completed_at ?? null } : null;
};

const findPullRequest = async (octokit: Octokit, repo: RepoRef, target: AuditTarget): Promise<AuditPullRequest | null> => {
  const base = { owner: repo.owner, repo: repo.name };
  if (target.kind === "pull-request") {
    const found = await orNull(`get pull request #${target.number}`, () => octokit.rest.pulls.get({ ...base, pull_number: target.number }));
    return found ? toPullRequest(found.data) : null;
  }
  const head = `${repo.owner}:${BRANCH_PREFIX}${target.incident}`;
  const listed = await call(`list pull requests from ${head}`, () => octokit.paginate(octokit.rest.pulls.list, { ...base, head, state: "all", per_page: 100 }));
  // a branch can have carried several PRs (closed, then reopened as new): the newest is the live one
  const newest = [...listed].sort((a, b) => b.number - a.number)[0];
  if (!newest) return null;
  // the listing omits merged_by; the single-PR endpoint has it
  const { data } = await call(`get pull request #${newest.number}`, () => octokit.rest.pulls.get({ ...base, pull_number: newest.number }));
  return toPullRequest(data);
};

/** The incident issue: labelled `agenticops`, its hidden marker naming this incident. */
const findIncidentIssue = async (octokit: Octokit, repo: RepoRef, incident: string) => {
  const issues = await call("list agenticops issues", () =>
    octokit.paginate(octokit.rest.issues.listForRepo, { owner: repo.owner, repo: repo.name, labels: LABEL, state: "all", per_page: 100 }),
  );
  return issues.find((i) => !i.pull_request && (i.body ?? "").includes(markerNeedle(incident)) && readMarker(i.body)?.incident === incident) ?? null;
};
