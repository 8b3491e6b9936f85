import type { RepoState, StatusRecord } from "../state/sandbox-state.js";
import { nodeId, repoBase, type RenderEnv } from "./render-env.js";
import { renderRepository } from "./render-repository.js";
import { renderUser } from "./render-user.js";

/** GitHub's `status` (a commit status); `simple-commit-status` is the same without `creator`. */
export const renderCommitStatus = (env: RenderEnv, repoState: RepoState, status: StatusRecord): Record<string, unknown> => {
  const creator = env.state.ensureUser(status.creator);
  const rendered = renderUser(creator, env.apiUrl, env.origin);
  return {
    url: `${repoBase(env, repoState.repo).api}/statuses/${status.sha}`,
    avatar_url: rendered["avatar_url"],
    id: status.id,
    node_id: nodeId("StatusContext", status.id),
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    creator: rendered,
  };
};

/** The latest status of each context (contexts compare case-insensitively), newest first. */
export const latestStatuses = (repoState: RepoState, sha: string): StatusRecord[] => {
  const seen = new Set<string>();
  return repoState.statuses
    .filter((s) => s.sha === sha)
    .reverse()
    .filter((s) => {
      const key = s.context.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
};

/** failure if any context failed or errored, pending if any is pending or there is none, else success. */
export const combinedState = (statuses: StatusRecord[]): "failure" | "pending" | "success" => {
  if (statuses.some((s) => s.state === "failure" || s.state === "error")) return "failure";
  if (statuses.length === 0 || statuses.some((s) => s.state === "pending")) return "pending";
  return "success";
};

/** GitHub's `combined-commit-status` for `sha` (reached through `ref`). */
export const renderCombinedStatus = (env: RenderEnv, repoState: RepoState, ref: string, sha: string): Record<string, unknown> => {
  const { api } = repoBase(env, repoState.repo);
  const statuses = latestStatuses(repoState, sha);
  return {
    state: combinedState(statuses),
    statuses: statuses.map((s) => {
      const { creator: _creator, ...simple } = renderCommitStatus(env, repoState, s);
      return simple;
    }),
    sha,
    total_count: statuses.length,
    repository: renderRepository(repoState, env.state, env.apiUrl, env.origin),
    commit_url: `${api}/commits/${sha}`,
    url: `${api}/commits/${encodeURIComponent(ref)}/status`,
  };
};
