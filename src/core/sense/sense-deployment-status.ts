import type { DeploymentStatusEvent } from "../../schemas/deployment-status-event.js";
import type { RepoConfig } from "../../schemas/repo-config.js";
import { isoOrNull, type SenseResult } from "./failure-subject.js";

const FAILED = new Set(["failure", "error"]);

/**
 * A deployment status of `failure` or `error` is a failed deploy of that environment, whoever
 * deployed it (Actions, Argo CD, a deploy script): the deployments API is the shared record.
 */
export const senseDeploymentStatus = (
  event: DeploymentStatusEvent,
  config: RepoConfig,
  meta: { deliveryId: string; receivedAt: string },
): SenseResult => {
  const status = event.deployment_status;
  if (!FAILED.has(status.state)) return { kind: "ignored", reason: `deployment state ${status.state} is not a failure` };
  const environment = status.environment ?? event.deployment.environment;
  const deploy = config.deploys.find((d) => d.environment === environment) ?? { workflow: event.deployment.task ?? "deploy", environment };
  return {
    kind: "signal",
    signal: {
      source: "github",
      kind: "deployment_failed",
      deliveryId: meta.deliveryId,
      receivedAt: meta.receivedAt,
      occurredAt: isoOrNull(status.created_at),
      repo: { owner: event.repository.owner.login, name: event.repository.name },
      environment,
      workflow: deploy.workflow,
      sha: event.deployment.sha,
      ref: event.deployment.ref,
      subjectId: String(event.deployment.id),
      url: status.log_url || status.target_url || `${event.repository.html_url}/deployments`,
      labels: { state: status.state },
    },
    deploy,
    subject: { kind: "deployment", deploymentId: event.deployment.id, runId: event.workflow_run?.id ?? null },
    defaultBranch: event.repository.default_branch,
  };
};
