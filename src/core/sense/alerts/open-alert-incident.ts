import type { Alert, RoutedAlertNotification } from "../../../schemas/alert.js";
import { alertIncidentId } from "../../model/alert-incident-id.js";
import { toIso, toMs, type AlertIncident, type IncidentHome } from "../../model/alert-incident.js";

/** The alert that opens the incident: earliest start, then name and fingerprint, whatever the post's order. */
export const firstAlert = (alerts: readonly Alert[]): Alert | undefined =>
  [...alerts].sort((a, b) => toMs(a.startsAt) - toMs(b.startsAt) || a.name.localeCompare(b.name) || a.fingerprint.localeCompare(b.fingerprint))[0];

const groupName = (n: RoutedAlertNotification): string => {
  const values = Object.entries(n.groupLabels)
    .filter(([k]) => k !== "alertname")
    .map(([, v]) => v);
  return values.length > 0 ? values.join("/") : n.route;
};

/** A new, empty incident for a notification's new firing alerts; correlation fills it. */
export const openAlertIncident = (
  n: RoutedAlertNotification,
  facts: { service: string | null; environment: string | null; opening: Alert; home: IncidentHome },
): AlertIncident => {
  const openedAt = toIso(toMs(facts.opening.startsAt));
  const anchor = facts.home.kind === "deploy-comment" ? { deployIncident: facts.home.deploy.incident } : { groupKey: n.groupKey, openedAt };
  return {
    id: alertIncidentId(n.repo, anchor),
    repo: n.repo,
    service: facts.service,
    environment: facts.environment,
    title: `${facts.service ?? groupName(n)}: ${facts.opening.name}`,
    openedAt,
    resolvedAt: null,
    reopenedAt: [],
    groups: new Map(),
    alerts: new Map(),
    home: facts.home,
    related: [],
    pullRequest: null,
    droppedAlerts: 0,
    generatorURLs: [],
    lastFiringAt: n.receivedAt,
  };
};
