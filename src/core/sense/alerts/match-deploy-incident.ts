import { toMs, type DeployIncidentRef } from "../../model/alert-incident.js";

/**
 * Whether an alert incident and a failed-deploy incident of the same repository are one problem:
 * - the deploy incident names an environment (the bot writes it into the marker of deploy
 *   incidents; CI-failure incidents have none and never match);
 * - the environments are equal (case-insensitive), or the alerts' environment is unknown;
 * - the deploy was detected at most `windowMs` before or after the alerts started.
 */
export const deployMatches = (deploy: DeployIncidentRef, alerts: { environment: string | null; startedAt: string }, windowMs: number): boolean => {
  if (deploy.environment === null) return false;
  if (alerts.environment !== null && alerts.environment.toLowerCase() !== deploy.environment.toLowerCase()) return false;
  return Math.abs(toMs(deploy.detectedAt) - toMs(alerts.startedAt)) <= windowMs;
};

/** The matching deploy incident closest in time to the alerts' start (the newest on a tie), or null. */
export const matchDeployIncident = (
  deploys: readonly DeployIncidentRef[],
  alerts: { environment: string | null; startedAt: string },
  windowMs: number,
): DeployIncidentRef | null => {
  const start = toMs(alerts.startedAt);
  let best: DeployIncidentRef | null = null;
  for (const deploy of deploys) {
    if (!deployMatches(deploy, alerts, windowMs)) continue;
    const distance = Math.abs(toMs(deploy.detectedAt) - start);
    const bestDistance = best ? Math.abs(toMs(best.detectedAt) - start) : Infinity;
    if (distance < bestDistance || (distance === bestDistance && best !== null && deploy.number > best.number)) best = deploy;
  }
  return best;
};

/** Every matching deploy incident, by number: the "Related" links of an incident in its own issue. */
export const relatedDeployIncidents = (
  deploys: readonly DeployIncidentRef[],
  alerts: { environment: string | null; startedAt: string },
  windowMs: number,
): DeployIncidentRef[] => deploys.filter((d) => deployMatches(d, alerts, windowMs)).sort((a, b) => a.number - b.number);
