import { ensureLabel } from "../state/ensure-label.js";
import type { IssueRecord, RepoState } from "../state/sandbox-state.js";
import { nodeId, repoBase, type RenderEnv } from "./render-env.js";
import { renderLabel } from "./render-label.js";
import { renderReactionRollup } from "./render-reaction.js";
import { renderUser } from "./render-user.js";

/** GitHub's `author-association` of `login` with the repository. */
export const authorAssociation = (repoState: RepoState, login: string): string => {
  if (login.toLowerCase() === repoState.repo.owner.toLowerCase()) return "OWNER";
  if (Object.keys(repoState.repo.collaborators).some((c) => c.toLowerCase() === login.toLowerCase())) return "COLLABORATOR";
  return "NONE";
};

const user = (env: RenderEnv, login: string): Record<string, unknown> =>
  renderUser(env.state.ensureUser(login), env.apiUrl, env.origin);

/** GitHub's `issue`; pull requests carry the `pull_request` key, as the issues API returns them. */
export const renderIssue = (env: RenderEnv, repoState: RepoState, issue: IssueRecord): Record<string, unknown> => {
  const { api, html } = repoBase(env, repoState.repo);
  const url = `${api}/issues/${issue.number}`;
  const assignees = issue.assignees.map((login) => user(env, login));
  const comments = repoState.comments.filter((c) => c.issueNumber === issue.number).length;
  const rendered: Record<string, unknown> = {
    id: issue.id,
    node_id: nodeId(issue.pull ? "PullRequest" : "Issue", issue.id),
    url,
    repository_url: api,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${html}/${issue.pull ? "pull" : "issues"}/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: user(env, issue.user),
    labels: issue.labels.map((name) => renderLabel(env, repoState.repo, ensureLabel(env.state, repoState, name))),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments,
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_by: null,
    author_association: authorAssociation(repoState, issue.user),
    reactions: renderReactionRollup(`${url}/reactions`, issue.reactions),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
  };
  if (!issue.pull) return rendered;
  return {
    ...rendered,
    draft: issue.pull.draft,
    pull_request: {
      url: `${api}/pulls/${issue.number}`,
      html_url: `${html}/pull/${issue.number}`,
      diff_url: `${html}/pull/${issue.number}.diff`,
      patch_url: `${html}/pull/${issue.number}.patch`,
      merged_at: issue.pull.mergedAt,
    },
  };
};
