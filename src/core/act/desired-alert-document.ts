import type { RepoConfig } from "../../schemas/repo-config.js";
import type { AlertIncident } from "../model/alert-incident.js";
import { renderAlertIncident, renderAlertIncidentComment } from "../render/render-alert-incident.js";
import { alertIncidentSeverity } from "../sense/alerts/alert-severity.js";
import type { DesiredDocument } from "./plan-alert-incident-write.js";

/** Owners of the incident's service, from the catalog in `.github/agenticops.yml`. */
export const serviceOwners = (incident: AlertIncident, config: RepoConfig): string[] =>
  [...new Set(config.services.filter((s) => s.name === incident.service).flatMap((s) => s.owners ?? []))];

/**
 * Labels of a new alert incident issue: the repository's bot labels (the first is the one the
 * bot lists its issues by), `alert`, and the severity at opening.
 */
export const alertIssueLabels = (incident: AlertIncident, config: RepoConfig): string[] => [...new Set([...config.labels, "alert", `severity/${alertIncidentSeverity(incident)}`])];

/** What the incident's issue (or deploy comment) should say now. */
export const desiredAlertDocument = (incident: AlertIncident, config: RepoConfig): DesiredDocument => {
  const owners = serviceOwners(incident, config);
  const home = incident.home.kind === "issue" ? { kind: "issue" as const } : { kind: "deploy-comment" as const, on: incident.home.deploy.number };
  const doc = home.kind === "issue" ? renderAlertIncident(incident, owners) : renderAlertIncidentComment(incident, owners);
  return {
    home,
    title: doc.title,
    body: doc.body,
    labels: alertIssueLabels(incident, config),
    resolved: incident.resolvedAt !== null,
    resolvedAt: incident.resolvedAt,
    pullRequest: incident.pullRequest,
  };
};
