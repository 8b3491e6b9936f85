import type { CommentRecord, RepoState } from "../state/sandbox-state.js";
import { nodeId, repoBase, type RenderEnv } from "./render-env.js";
import { authorAssociation } from "./render-issue.js";
import { renderReactionRollup } from "./render-reaction.js";
import { renderUser } from "./render-user.js";

/** GitHub's `issue-comment` (comments on issues and on pull request conversations). */
export const renderIssueComment = (env: RenderEnv, repoState: RepoState, comment: CommentRecord): Record<string, unknown> => {
  const { api, html } = repoBase(env, repoState.repo);
  const url = `${api}/issues/comments/${comment.id}`;
  const isPull = repoState.issues.some((i) => i.number === comment.issueNumber && i.pull);
  return {
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    url,
    html_url: `${html}/${isPull ? "pull" : "issues"}/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: renderUser(env.state.ensureUser(comment.user), env.apiUrl, env.origin),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${api}/issues/${comment.issueNumber}`,
    author_association: authorAssociation(repoState, comment.user),
    performed_via_github_app: null,
    reactions: renderReactionRollup(`${url}/reactions`, comment.reactions),
  };
};
