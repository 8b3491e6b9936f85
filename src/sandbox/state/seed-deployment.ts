import { addDeploymentStatus } from "./deployment-statuses.js";
import type { DeploymentRecord, DeploymentStatusRecord, RepoState, SandboxState } from "./sandbox-state.js";

export interface SeedDeploymentSpec {
  environment: string;
  sha: string;
  /** default: the sha */
  ref?: string;
  /** the deployment's current status */
  state: DeploymentStatusRecord["state"];
  /** default: the repository owner */
  creator?: string;
  description?: string;
  logUrl?: string;
  environmentUrl?: string;
  task?: string;
  payload?: unknown;
}

/**
 * Records a deployment with one status, as drills need them (earlier successful deployments of the
 * environment become inactive, as on GitHub). Emitting `deployment_status` is the caller's business.
 */
export const seedDeployment = (state: SandboxState, repoState: RepoState, spec: SeedDeploymentSpec): DeploymentRecord => {
  const creator = state.ensureUser(spec.creator ?? repoState.repo.owner).login;
  const now = state.timestamp();
  const deployment: DeploymentRecord = {
    id: state.id(),
    sha: spec.sha,
    ref: spec.ref ?? spec.sha,
    task: spec.task ?? "deploy",
    environment: spec.environment,
    description: spec.description ?? null,
    creator,
    payload: spec.payload ?? {},
    createdAt: now,
    updatedAt: now,
    statuses: [],
    transientEnvironment: false,
    productionEnvironment: spec.environment === "production",
  };
  repoState.deployments.push(deployment);
  addDeploymentStatus(state, repoState, deployment, {
    state: spec.state,
    creator,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    ...(spec.logUrl === undefined ? {} : { logUrl: spec.logUrl }),
    ...(spec.environmentUrl === undefined ? {} : { environmentUrl: spec.environmentUrl }),
  });
  return deployment;
};
