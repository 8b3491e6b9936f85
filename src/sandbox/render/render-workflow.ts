import type { RepoState, WorkflowRecord } from "../state/sandbox-state.js";
import { nodeId, repoBase, type RenderEnv } from "./render-env.js";

/** GitHub's `workflow`. The sandbox does not track workflow file history: times are the repository's. */
export const renderWorkflow = (env: RenderEnv, repoState: RepoState, workflow: WorkflowRecord): Record<string, unknown> => {
  const { api, html } = repoBase(env, repoState.repo);
  return {
    id: workflow.id,
    node_id: nodeId("Workflow", workflow.id),
    name: workflow.name,
    path: workflow.path,
    state: workflow.state,
    created_at: repoState.repo.createdAt,
    updated_at: repoState.repo.createdAt,
    url: `${api}/actions/workflows/${workflow.id}`,
    html_url: `${html}/blob/${repoState.repo.defaultBranch}/${workflow.path}`,
    badge_url: `${html}/workflows/${encodeURIComponent(workflow.name)}/badge.svg`,
  };
};
