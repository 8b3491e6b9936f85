import type { CodeHost } from "../ports/code-host.js";
import type { Logger } from "../ports/logger.js";
import type { RepoConfig } from "../schemas/repo-config.js";
import type { WorkflowRunEvent } from "../schemas/workflow-run-event.js";
import { senseWorkflowRun } from "./sense/sense-workflow-run.js";
import { openIncident } from "./sense/open-incident.js";
import { collectJobEvidence } from "./diagnose/collect-job-evidence.js";
import { renderIncidentIssue } from "./render/render-incident-issue.js";
import { ensureIncidentIssue, type EnsureResult } from "./act/ensure-incident-issue.js";

export interface FailedRunPorts {
  host: CodeHost;
  log: Logger;
}

export type FailedRunOutcome =
  | { kind: "ignored"; reason: string }
  | { kind: "reported"; incidentId: string; issue: EnsureResult };

/** The control loop for a completed workflow run, one step per line. */
export const respondToFailedRun = async (
  event: WorkflowRunEvent,
  config: RepoConfig,
  meta: { deliveryId: string; receivedAt: string; dryRun: boolean },
  ports: FailedRunPorts,
): Promise<FailedRunOutcome> => {
  // 1. sense
  const sensed = senseWorkflowRun(event, config, meta);
  if (sensed.kind === "ignored") return sensed;
  const incident = openIncident(sensed.signal);
  ports.log.info({ incident: incident.id, kind: incident.key.kind }, "incident opened");
  // 2. diagnose
  const evidence = await collectJobEvidence(ports.host, incident.key.repo, event.workflow_run.id);
  // 3–5. plan, gate, act: observe-only report (a rollback PR needs the rollback planner)
  const issue = renderIncidentIssue(incident, evidence);
  const labels = [...config.labels, `severity/${incident.severity}`];
  const result = await ensureIncidentIssue(ports.host, incident.key.repo, incident.id, { ...issue, labels }, meta.dryRun);
  ports.log.info({ incident: incident.id, issue: result.issue.number, result: result.kind }, "incident issue ensured");
  return { kind: "reported", incidentId: incident.id, issue: result };
};
