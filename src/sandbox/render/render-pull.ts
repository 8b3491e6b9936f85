import type { IssueRecord, PullRecord, RepoState } from "../state/sandbox-state.js";
import { ensureLabel } from "../state/ensure-label.js";
import { nodeId, repoBase, type RenderEnv } from "./render-env.js";
import { authorAssociation } from "./render-issue.js";
import { renderLabel } from "./render-label.js";
import { renderRepository } from "./render-repository.js";
import { renderUser } from "./render-user.js";

/** A pull request as the routes keep it: the issue record with its `pull` part. */
export type PullIssue = IssueRecord & { pull: PullRecord };

/** The figures only the single-pull-request endpoints carry, computed from git by the routes. */
export interface PullFigures {
  mergeable: boolean | null;
  mergeableState: string;
  commits: number;
  additions: number;
  deletions: number;
  changedFiles: number;
}

const user = (env: RenderEnv, login: string): Record<string, unknown> => renderUser(env.state.ensureUser(login), env.apiUrl, env.origin);

/** Teams exist only as slugs in the sandbox; a stable id keeps repeated renders equal. */
const teamId = (slug: string): number => [...slug].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000, 7) + 1;

/** GitHub's `team` (also valid as `team-simple`) for a requested team slug of the owner's org. */
export const renderTeam = (env: RenderEnv, org: string, slug: string): Record<string, unknown> => {
  const id = teamId(slug);
  const url = `${env.apiUrl}/organizations/${org}/team/${id}`;
  return {
    id,
    node_id: nodeId("Team", id),
    url,
    html_url: `${env.origin}/orgs/${org}/teams/${slug}`,
    name: slug,
    slug,
    description: null,
    privacy: "closed",
    notification_setting: "notifications_enabled",
    permission: "pull",
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    parent: null,
    type: "organization",
  };
};

const branchSide = (env: RenderEnv, repoState: RepoState, ref: string, sha: string): Record<string, unknown> => ({
  label: `${repoState.repo.owner}:${ref}`,
  ref,
  sha,
  user: user(env, repoState.repo.owner),
  repo: renderRepository(repoState, env.state, env.apiUrl, env.origin),
});

/** GitHub's `pull-request-simple`, as the list endpoints return pull requests. */
export const renderPullSimple = (env: RenderEnv, repoState: RepoState, issue: PullIssue): Record<string, unknown> => {
  const { pull, number } = issue;
  const { api, html } = repoBase(env, repoState.repo);
  const url = `${api}/pulls/${number}`;
  const links = {
    self: url,
    html: `${html}/pull/${number}`,
    issue: `${api}/issues/${number}`,
    comments: `${api}/issues/${number}/comments`,
    review_comments: `${url}/comments`,
    review_comment: `${api}/pulls/comments{/number}`,
    commits: `${url}/commits`,
    statuses: `${api}/statuses/${pull.headSha}`,
  };
  const assignees = issue.assignees.map((login) => user(env, login));
  return {
    url,
    id: pull.id,
    node_id: nodeId("PullRequest", pull.id),
    html_url: links.html,
    diff_url: `${links.html}.diff`,
    patch_url: `${links.html}.patch`,
    issue_url: links.issue,
    commits_url: links.commits,
    review_comments_url: links.review_comments,
    review_comment_url: links.review_comment,
    comments_url: links.comments,
    statuses_url: links.statuses,
    number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: user(env, issue.user),
    body: issue.body,
    labels: issue.labels.map((name) => renderLabel(env, repoState.repo, ensureLabel(env.state, repoState, name))),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: pull.requestedReviewers.map((login) => user(env, login)),
    requested_teams: pull.requestedTeams.map((slug) => renderTeam(env, repoState.repo.owner, slug)),
    head: branchSide(env, repoState, pull.head, pull.headSha),
    base: branchSide(env, repoState, pull.base, pull.baseSha),
    _links: Object.fromEntries(Object.entries(links).map(([k, href]) => [k, { href }])),
    author_association: authorAssociation(repoState, issue.user),
    auto_merge: null,
    draft: pull.draft,
  };
};

/** GitHub's `pull-request`, as the single-pull-request endpoints return it. */
export const renderPull = (env: RenderEnv, repoState: RepoState, issue: PullIssue, figures: PullFigures): Record<string, unknown> => ({
  ...renderPullSimple(env, repoState, issue),
  merged: issue.pull.merged,
  mergeable: figures.mergeable,
  rebaseable: figures.mergeable,
  mergeable_state: figures.mergeableState,
  merged_by: issue.pull.mergedBy === null ? null : user(env, issue.pull.mergedBy),
  comments: repoState.comments.filter((c) => c.issueNumber === issue.number).length,
  review_comments: 0,
  maintainer_can_modify: issue.pull.maintainerCanModify,
  commits: figures.commits,
  additions: figures.additions,
  deletions: figures.deletions,
  changed_files: figures.changedFiles,
});
