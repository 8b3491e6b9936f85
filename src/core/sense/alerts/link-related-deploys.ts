import type { AlertIncident, DeployIncidentRef } from "../../model/alert-incident.js";
import { relatedDeployIncidents } from "./match-deploy-incident.js";

/**
 * Adds the failed-deploy incidents that match an incident in its own issue (same environment,
 * detected within the window of its opening) to its "Related" links. Links are never removed:
 * a deploy incident that closed is still part of the story. True when a link was added.
 */
export const linkRelatedDeploys = (incident: AlertIncident, deploys: readonly DeployIncidentRef[], windowMs: number): boolean => {
  if (incident.home.kind !== "issue") return false;
  const known = new Set(incident.related.map((d) => d.incident));
  const added = relatedDeployIncidents(deploys, { environment: incident.environment, startedAt: incident.openedAt }, windowMs).filter((d) => !known.has(d.incident));
  if (added.length === 0) return false;
  incident.related = [...incident.related, ...added].sort((a, b) => a.number - b.number);
  return true;
};
