import type { AlertIncidentState, PersistedDeploy } from "../../../schemas/alert-incident-state.js";
import type { RepoRef } from "../../../schemas/signal.js";
import { toIso, type AlertGroupState, type AlertIncident, type DeployIncidentRef, type TrackedAlert } from "../../model/alert-incident.js";

const deployOf = (d: PersistedDeploy, base: number): DeployIncidentRef => ({
  incident: d[0],
  number: d[1],
  kind: d[2] === "i" ? "issue" : "pull-request",
  environment: d[3],
  detectedAt: toIso(base + d[4]),
});

/**
 * The incident as the last process left it, from the state block of its issue or comment.
 * Alerts come back with the labels that were persisted (shared plus distinguishing ones); the
 * next post of their group brings the rest.
 */
export const restoreAlertIncident = (id: string, repo: RepoRef, state: AlertIncidentState): AlertIncident => {
  const { base } = state;
  const time = (offset: number): string => toIso(base + offset);
  const groups = new Map<string, AlertGroupState>(state.groups.map(([groupKey, truncated, route]) => [groupKey, { groupKey, truncated, route, externalURL: null }]));
  const groupKeys = [...groups.keys()];
  const alerts = new Map<string, TrackedAlert>(
    state.alerts.map(([fingerprint, name, status, starts, first, last, resolved, value, labels, group]) => [
      fingerprint,
      {
        fingerprint,
        name,
        status: status === "f" ? "firing" : "resolved",
        startsAt: time(starts),
        firstSeen: time(first),
        lastSeen: time(last),
        resolvedAt: resolved === null ? null : time(resolved),
        value,
        labels: { alertname: name, ...state.common, ...labels },
        summary: null,
        generatorURL: null,
        groupKey: groupKeys[group] ?? groupKeys[0] ?? "",
      },
    ]),
  );
  return {
    id,
    repo,
    service: state.service,
    environment: state.environment,
    title: state.title,
    openedAt: time(0),
    resolvedAt: state.resolved === null ? null : time(state.resolved),
    reopenedAt: state.reopened.map(time),
    groups,
    alerts,
    home: state.home === "issue" ? { kind: "issue" } : { kind: "deploy-comment", deploy: deployOf(state.home, base) },
    related: state.related.map((d) => deployOf(d, base)),
    pullRequest: state.pr,
    droppedAlerts: state.dropped,
    generatorURLs: state.urls,
    lastFiringAt: time(state.lastFiring),
  };
};
