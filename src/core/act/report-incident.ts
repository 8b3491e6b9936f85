import type { CodeHost, IssueRef } from "../../ports/code-host.js";
import type { Evidence } from "../../schemas/evidence.js";
import type { Diagnosis } from "../../schemas/diagnosis.js";
import type { Incident } from "../../schemas/incident.js";
import type { RepoConfig } from "../../schemas/repo-config.js";
import { renderIncidentIssue, type Handoff } from "../render/render-incident-issue.js";
import { ensureIncidentIssue } from "./ensure-incident-issue.js";

/** The incident issue (one per incident, updated in place), optionally saying why humans must act. */
export const reportIncident = async (
  host: CodeHost,
  ctx: { incident: Incident; config: RepoConfig; dryRun: boolean },
  evidence: Evidence[],
  handoff?: Handoff,
  diagnosis?: Diagnosis | null,
): Promise<IssueRef> => {
  const { incident } = ctx;
  const issue = renderIncidentIssue(incident, evidence, handoff, diagnosis);
  const labels = [...ctx.config.labels, `severity/${incident.severity}`];
  const result = await ensureIncidentIssue(host, incident.key.repo, incident.id, { ...issue, labels }, ctx.dryRun);
  return result.issue;
};
