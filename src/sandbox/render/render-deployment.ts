import type { DeploymentRecord, DeploymentStatusRecord, RepoState } from "../state/sandbox-state.js";
import { nodeId, repoBase, type RenderEnv } from "./render-env.js";
import { renderUser } from "./render-user.js";

const user = (env: RenderEnv, login: string): Record<string, unknown> =>
  renderUser(env.state.ensureUser(login), env.apiUrl, env.origin);

/** GitHub's `deployment`, also the `deployment` of webhook payloads. */
export const renderDeployment = (env: RenderEnv, repoState: RepoState, deployment: DeploymentRecord): Record<string, unknown> => {
  const { api } = repoBase(env, repoState.repo);
  const url = `${api}/deployments/${deployment.id}`;
  return {
    url,
    id: deployment.id,
    node_id: nodeId("Deployment", deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload ?? {},
    original_environment: deployment.environment,
    environment: deployment.environment,
    description: deployment.description,
    creator: user(env, deployment.creator),
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt ?? deployment.createdAt,
    statuses_url: `${url}/statuses`,
    repository_url: api,
    transient_environment: deployment.transientEnvironment ?? false,
    production_environment: deployment.productionEnvironment ?? deployment.environment === "production",
    performed_via_github_app: null,
  };
};

/**
 * GitHub's `deployment-status`, also the `deployment_status` of webhook payloads. Without a log
 * URL, `target_url` is "" as GitHub sends it (the REST schema's `uri` format disagrees).
 */
export const renderDeploymentStatus = (
  env: RenderEnv,
  repoState: RepoState,
  deployment: DeploymentRecord,
  status: DeploymentStatusRecord,
): Record<string, unknown> => {
  const { api } = repoBase(env, repoState.repo);
  const deploymentUrl = `${api}/deployments/${deployment.id}`;
  return {
    url: `${deploymentUrl}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId("DeploymentStatus", status.id),
    state: status.state,
    creator: user(env, status.creator),
    description: status.description,
    environment: status.environment,
    target_url: status.logUrl,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    deployment_url: deploymentUrl,
    repository_url: api,
    // Optional and `uri`-formatted in the schemas: left out rather than sent empty.
    ...(status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
    ...(status.logUrl ? { log_url: status.logUrl } : {}),
    performed_via_github_app: null,
  };
};
