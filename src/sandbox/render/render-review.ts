import type { RepoState, ReviewRecord } from "../state/sandbox-state.js";
import { nodeId, repoBase, type RenderEnv } from "./render-env.js";
import { authorAssociation } from "./render-issue.js";
import { renderUser } from "./render-user.js";

/** GitHub's `pull-request-review`; a pending review has no `submitted_at`. */
export const renderReview = (env: RenderEnv, repoState: RepoState, number: number, review: ReviewRecord): Record<string, unknown> => {
  const { api, html } = repoBase(env, repoState.repo);
  const htmlUrl = `${html}/pull/${number}#pullrequestreview-${review.id}`;
  const pullUrl = `${api}/pulls/${number}`;
  return {
    id: review.id,
    node_id: nodeId("PullRequestReview", review.id),
    user: renderUser(env.state.ensureUser(review.user), env.apiUrl, env.origin),
    body: review.body,
    state: review.state,
    html_url: htmlUrl,
    pull_request_url: pullUrl,
    _links: { html: { href: htmlUrl }, pull_request: { href: pullUrl } },
    ...(review.state === "PENDING" ? {} : { submitted_at: review.submittedAt }),
    commit_id: review.commitId,
    author_association: authorAssociation(repoState, review.user),
  };
};
