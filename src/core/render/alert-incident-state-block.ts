import { AlertIncidentState, type PersistedAlert, type PersistedDeploy } from "../../schemas/alert-incident-state.js";
import { toMs, type AlertIncident, type DeployIncidentRef, type TrackedAlert } from "../model/alert-incident.js";
import { clip, distinguishingLabels, sharedLabels } from "./alert-labels.js";
import { commentSafeJson, HIDDEN_SUFFIX, readHiddenJson } from "./hidden-marker.js";

const PREFIX = "<!-- agenticops:alerts:v1 ";
const LABEL_KEYS = 6;
const LABEL_VALUE = 60;
const VALUE = 60;

const clipLabels = (labels: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, clip(v, LABEL_VALUE)]));

export const persistDeploy = (d: DeployIncidentRef, base: number): PersistedDeploy => [d.incident, d.number, d.kind === "issue" ? "i" : "p", d.environment, toMs(d.detectedAt) - base];

const persistAlert = (a: TrackedAlert, ctx: { base: number; common: Record<string, string>; groups: string[] }): PersistedAlert => [
  a.fingerprint,
  a.name,
  a.status === "firing" ? "f" : "r",
  toMs(a.startsAt) - ctx.base,
  toMs(a.firstSeen) - ctx.base,
  toMs(a.lastSeen) - ctx.base,
  a.resolvedAt === null ? null : toMs(a.resolvedAt) - ctx.base,
  a.value === null ? null : clip(a.value, VALUE),
  clipLabels(distinguishingLabels(a, ctx.common, LABEL_KEYS)),
  Math.max(0, ctx.groups.indexOf(a.groupKey)),
];

/** Firing alerts first, then the most recently resolved: what is kept when the state must shrink. */
const byImportance = (a: TrackedAlert, b: TrackedAlert): number =>
  (a.status === "firing" ? 0 : 1) - (b.status === "firing" ? 0 : 1) || toMs(b.resolvedAt ?? b.lastSeen) - toMs(a.resolvedAt ?? a.lastSeen) || a.fingerprint.localeCompare(b.fingerprint);

/**
 * The hidden state block of an incident, at most `budget` characters: when the alerts do not all
 * fit, the least important are left out and counted in `dropped` (a restarted process treats them
 * as new if they come back).
 */
export const renderStateBlock = (incident: AlertIncident, budget: number): { block: string; dropped: number } => {
  const base = toMs(incident.openedAt);
  const groups = [...incident.groups.keys()];
  const common = clipLabels(sharedLabels(incident.alerts.values()));
  const state: Omit<AlertIncidentState, "alerts"> = {
    v: 1,
    base,
    service: incident.service,
    environment: incident.environment,
    title: incident.title,
    resolved: incident.resolvedAt === null ? null : toMs(incident.resolvedAt) - base,
    reopened: incident.reopenedAt.map((r) => toMs(r) - base),
    lastFiring: toMs(incident.lastFiringAt) - base,
    groups: [...incident.groups.values()].map((g) => [g.groupKey, g.truncated, g.route]),
    common,
    home: incident.home.kind === "issue" ? "issue" : persistDeploy(incident.home.deploy, base),
    related: incident.related.map((d) => persistDeploy(d, base)),
    pr: incident.pullRequest,
    dropped: incident.droppedAlerts,
    urls: incident.generatorURLs,
  };
  // the alerts are appended as already-escaped JSON, so each is serialised once
  const wrap = (head: Omit<AlertIncidentState, "alerts">, alerts: string[]): string => `${PREFIX}${commentSafeJson(head).slice(0, -1)},"alerts":[${alerts.join(",")}]}${HIDDEN_SUFFIX}`;
  const empty = wrap(state, []).length;
  const kept: string[] = [];
  let size = empty;
  const ranked = [...incident.alerts.values()].sort(byImportance);
  for (const alert of ranked) {
    const json = commentSafeJson(persistAlert(alert, { base, common, groups }));
    // a little room for `dropped` growing by a digit or two
    if (size + json.length + 1 > budget - 16) break;
    kept.push(json);
    size += json.length + 1;
  }
  const dropped = ranked.length - kept.length;
  return { block: wrap({ ...state, dropped: incident.droppedAlerts + dropped }, kept), dropped };
};

/** The state block in a body (the last one), validated; null when absent or not valid. */
export const readStateBlock = (body: string | null | undefined): AlertIncidentState | null => readHiddenJson(body, PREFIX, AlertIncidentState);
