import type { DeploymentRecord, DeploymentStatusRecord, RepoState, SandboxState } from "./sandbox-state.js";

export interface NewDeploymentStatus {
  state: DeploymentStatusRecord["state"];
  creator: string;
  description?: string;
  /** default: the environment of the latest status, else of the deployment */
  environment?: string;
  logUrl?: string;
  environmentUrl?: string;
  /** default true: a success marks earlier successful deployments of the environment inactive */
  autoInactive?: boolean;
}

/** Statuses are kept oldest first; the last one is the deployment's current state. */
export const latestStatus = (deployment: DeploymentRecord): DeploymentStatusRecord | undefined =>
  deployment.statuses[deployment.statuses.length - 1];

const push = (state: SandboxState, deployment: DeploymentRecord, status: Omit<DeploymentStatusRecord, "id" | "createdAt">): DeploymentStatusRecord => {
  const now = state.timestamp();
  const record: DeploymentStatusRecord = { id: state.id(), createdAt: now, ...status };
  deployment.statuses.push(record);
  deployment.updatedAt = now;
  return record;
};

/**
 * Adds a status to a deployment. Setting an environment moves the deployment there, and a
 * `success` adds an `inactive` status to every other deployment of that environment whose
 * current state is `success`, as GitHub's `auto_inactive` does.
 */
export const addDeploymentStatus = (
  state: SandboxState,
  repoState: RepoState,
  deployment: DeploymentRecord,
  input: NewDeploymentStatus,
): DeploymentStatusRecord => {
  const environment = input.environment ?? latestStatus(deployment)?.environment ?? deployment.environment;
  deployment.environment = environment;
  const status = push(state, deployment, {
    state: input.state,
    description: input.description ?? "",
    environment,
    logUrl: input.logUrl ?? "",
    creator: input.creator,
    ...(input.environmentUrl === undefined ? {} : { environmentUrl: input.environmentUrl }),
  });
  if (input.state !== "success" || input.autoInactive === false) return status;
  for (const other of repoState.deployments) {
    if (other === deployment || other.environment !== environment || latestStatus(other)?.state !== "success") continue;
    push(state, other, { state: "inactive", description: "", environment, logUrl: "", creator: input.creator });
  }
  return status;
};
