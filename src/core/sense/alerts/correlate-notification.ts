import type { Alert, RoutedAlertNotification } from "../../../schemas/alert.js";
import type { ServiceTarget } from "../../../schemas/repo-config.js";
import { MAX_GENERATOR_URLS, MAX_REOPENINGS, firingCount, toIso, toMs, type AlertIncident, type DeployIncidentRef, type IncidentChange } from "../../model/alert-incident.js";
import { chooseIncident } from "./choose-incident.js";
import type { IncidentBook } from "./incident-book.js";
import { isMaterial, mergeAlert } from "./merge-alert.js";
import { environmentOf, serviceOf } from "./notification-facts.js";
import { firstAlert, openAlertIncident } from "./open-alert-incident.js";

export interface CorrelationContext {
  /** alerts of one service within this many ms join one open incident (default 10 min) */
  windowMs: number;
  /** the repository's open failed-deploy incidents, as last listed */
  deploys: readonly DeployIncidentRef[];
  /** the repository's service catalog (`services:` of .github/agenticops.yml) */
  catalog: readonly ServiceTarget[];
}

export interface Correlation {
  incident: AlertIncident;
  change: IncidentChange;
}

interface Touch {
  wasResolved: boolean;
  created: boolean;
  material: boolean;
}

/**
 * The incident that already tracks this episode of the alert (same fingerprint, same or later
 * start): replays, repeats and resolutions go back to it even after it resolved.
 */
const ownerOf = (incidents: readonly AlertIncident[], alert: Alert): AlertIncident | undefined => {
  const starts = toMs(alert.startsAt);
  let owner: AlertIncident | undefined;
  for (const incident of incidents) {
    const tracked = incident.alerts.get(alert.fingerprint);
    if (!tracked || toMs(tracked.startsAt) < starts) continue;
    if (!owner || toMs(tracked.startsAt) > toMs(owner.alerts.get(alert.fingerprint)!.startsAt)) owner = incident;
  }
  return owner;
};

const applyAlerts = (incident: AlertIncident, alerts: readonly Alert[], n: RoutedAlertNotification, touch: Touch): void => {
  const seen = { receivedAt: toIso(toMs(n.receivedAt)), groupKey: n.groupKey };
  for (const alert of alerts) {
    const { next, update } = mergeAlert(incident.alerts.get(alert.fingerprint), alert, seen);
    incident.alerts.set(alert.fingerprint, next);
    if (isMaterial(update)) touch.material = true;
    if (update !== "stale" && next.status === "firing" && toMs(seen.receivedAt) > toMs(incident.lastFiringAt)) incident.lastFiringAt = seen.receivedAt;
    if (next.generatorURL && incident.generatorURLs.length < MAX_GENERATOR_URLS && !incident.generatorURLs.includes(next.generatorURL)) incident.generatorURLs.push(next.generatorURL);
  }
};

/** The group's latest post: its truncation count, route and link. A new group or count is material. */
const recordGroup = (book: IncidentBook, incident: AlertIncident, n: RoutedAlertNotification, touch: Touch): void => {
  const before = incident.groups.get(n.groupKey);
  incident.groups.set(n.groupKey, { groupKey: n.groupKey, truncated: n.truncatedAlerts, route: n.route, externalURL: n.externalURL });
  if (!before) book.indexGroup(incident, n.groupKey);
  if (!before || before.truncated !== n.truncatedAlerts) touch.material = true;
};

/** Resolved when every alert it knows resolved (at the latest end); reopened when one fires again. */
const settle = (incident: AlertIncident, n: RoutedAlertNotification): void => {
  const firing = firingCount(incident);
  if (incident.resolvedAt === null && firing === 0 && incident.alerts.size > 0) {
    const ends = [...incident.alerts.values()].map((a) => toMs(a.resolvedAt ?? a.lastSeen));
    incident.resolvedAt = toIso(Math.max(...ends));
  } else if (incident.resolvedAt !== null && firing > 0) {
    incident.resolvedAt = null;
    incident.reopenedAt = [...incident.reopenedAt, toIso(toMs(n.receivedAt))].slice(-MAX_REOPENINGS);
  }
};

const changeOf = (incident: AlertIncident, touch: Touch): IncidentChange => {
  if (touch.created) return "opened";
  const resolved = incident.resolvedAt !== null;
  if (touch.wasResolved && !resolved) return "reopened";
  if (!touch.wasResolved && resolved) return "resolved";
  return touch.material ? "updated" : "unchanged";
};

/** The incident for alerts no incident tracks yet; null when they are only resolutions of unknown alerts. */
const targetFor = (book: IncidentBook, n: RoutedAlertNotification, fresh: readonly Alert[], ctx: CorrelationContext): { incident: AlertIncident; created: boolean } | null => {
  const opening = firstAlert(fresh.filter((a) => a.status === "firing"));
  if (!opening) {
    const open = book.withGroup(n.repo, n.groupKey).find((i) => i.resolvedAt === null);
    return open ? { incident: open, created: false } : null;
  }
  const service = serviceOf(n);
  const environment = environmentOf(n, service, ctx.catalog);
  const query = { repo: n.repo, groupKey: n.groupKey, service, environment, receivedAt: toMs(n.receivedAt), startedAt: opening.startsAt };
  const target = chooseIncident(book, query, ctx.deploys, ctx.windowMs);
  if (target.kind !== "open") return { incident: target.incident, created: false };
  const incident = openAlertIncident(n, { service, environment, opening, home: target.home });
  book.add(incident);
  return { incident, created: true };
};

/** The notification's alerts split into those an incident already tracks (by incident) and the rest. */
const partitionAlerts = (book: IncidentBook, n: RoutedAlertNotification): { byOwner: Map<AlertIncident, Alert[]>; fresh: Alert[] } => {
  const grouped = book.withGroup(n.repo, n.groupKey);
  const byOwner = new Map<AlertIncident, Alert[]>();
  const fresh: Alert[] = [];
  for (const alert of n.alerts) {
    const owner = ownerOf(grouped, alert);
    if (owner) byOwner.set(owner, [...(byOwner.get(owner) ?? []), alert]);
    else fresh.push(alert);
  }
  return { byOwner, fresh };
};

/**
 * Whether correlating `n` now would open a new incident, and if so the facts a failed-deploy
 * incident is matched on; null when its alerts all go to incidents the book holds. Lets the caller
 * fetch what rule 4 needs (deploy incidents, a deploy's alert comment) only when it can matter.
 */
export const probeNewIncident = (book: IncidentBook, n: RoutedAlertNotification, ctx: Pick<CorrelationContext, "windowMs" | "catalog">): { environment: string | null; startedAt: string } | null => {
  const opening = firstAlert(partitionAlerts(book, n).fresh.filter((a) => a.status === "firing"));
  if (!opening) return null;
  const service = serviceOf(n);
  const environment = environmentOf(n, service, ctx.catalog);
  const query = { repo: n.repo, groupKey: n.groupKey, service, environment, receivedAt: toMs(n.receivedAt), startedAt: opening.startsAt };
  return chooseIncident(book, query, [], ctx.windowMs).kind === "open" ? { environment, startedAt: opening.startsAt } : null;
};

/**
 * Folds one routed notification into the book: every alert goes to the incident that tracks its
 * episode, new alerts to the incident the correlation rules choose (opening one if needed). Pure
 * apart from updating `book`; applying the same notification twice changes nothing the second time.
 */
export const correlateNotification = (book: IncidentBook, n: RoutedAlertNotification, ctx: CorrelationContext): Correlation[] => {
  const { byOwner, fresh } = partitionAlerts(book, n);
  const touches = new Map<AlertIncident, Touch>();
  const touch = (incident: AlertIncident, created = false): Touch => {
    const existing = touches.get(incident) ?? { wasResolved: incident.resolvedAt !== null, created, material: false };
    touches.set(incident, existing);
    return existing;
  };
  for (const [incident, alerts] of byOwner) applyAlerts(incident, alerts, n, touch(incident));
  const target = fresh.length > 0 ? targetFor(book, n, fresh, ctx) : null;
  if (target) applyAlerts(target.incident, fresh, n, touch(target.incident, target.created));
  const primary = target?.incident ?? [...byOwner.keys()].find((i) => i.resolvedAt === null) ?? [...byOwner.keys()][0];
  if (primary) recordGroup(book, primary, n, touch(primary));
  return [...touches].map(([incident, t]) => {
    settle(incident, n);
    return { incident, change: changeOf(incident, t) };
  });
};
