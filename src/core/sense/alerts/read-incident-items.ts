import type { LabelledItem } from "../../../ports/alert-incident-host.js";
import type { RepoRef } from "../../../schemas/signal.js";
import type { AlertIncident, DeployIncidentRef } from "../../model/alert-incident.js";
import { readStateBlock } from "../../render/alert-incident-state-block.js";
import { readMarker } from "../../render/hidden-marker.js";
import { restoreAlertIncident } from "./restore-alert-incident.js";

export interface RestoredIncident {
  incident: AlertIncident;
  item: LabelledItem;
}

export interface IncidentItems {
  /** alert incidents in their own issues, as their state blocks describe them */
  alertIncidents: RestoredIncident[];
  /** open failed-deploy incidents (issues and rollback pull requests whose marker names an environment) */
  deploys: DeployIncidentRef[];
  /** issues that carry an alert incident's marker but no valid state: left alone */
  unreadable: number[];
}

const deployOf = (item: LabelledItem): DeployIncidentRef | null => {
  const marker = readMarker(item.body);
  if (!marker || item.state !== "open" || !marker.environment || !marker.detectedAt) return null;
  const kind = item.kind === "pull-request" ? "rollback-pr" : "incident-issue";
  if (marker.kind !== kind) return null;
  return { incident: marker.incident, number: item.number, kind: item.kind, environment: marker.environment, detectedAt: marker.detectedAt };
};

/**
 * What the bot's labelled issues and pull requests say about incidents, found by marker (never by
 * title). An alert incident closed by a human while it was still firing is not restored: the
 * next alerts of its group open a new incident instead of reopening what a person closed. When
 * two issues claim one incident, the older (lower number) wins.
 */
export const readIncidentItems = (repo: RepoRef, items: readonly LabelledItem[]): IncidentItems => {
  const alertIncidents = new Map<string, RestoredIncident>();
  const deploys: DeployIncidentRef[] = [];
  const unreadable: number[] = [];
  for (const item of [...items].sort((a, b) => a.number - b.number)) {
    const marker = readMarker(item.body);
    if (marker?.kind !== "alert-incident") {
      const deploy = deployOf(item);
      if (deploy) deploys.push(deploy);
      continue;
    }
    if (item.kind !== "issue" || alertIncidents.has(marker.incident)) continue;
    const state = readStateBlock(item.body);
    if (!state) {
      unreadable.push(item.number);
      continue;
    }
    const incident = restoreAlertIncident(marker.incident, repo, state);
    if (item.state === "closed" && incident.resolvedAt === null) continue;
    alertIncidents.set(marker.incident, { incident, item });
  }
  return { alertIncidents: [...alertIncidents.values()], deploys, unreadable };
};
