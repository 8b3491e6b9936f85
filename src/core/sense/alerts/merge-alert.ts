import type { Alert } from "../../../schemas/alert.js";
import { toIso, toMs, type TrackedAlert } from "../../model/alert-incident.js";

/**
 * What one received alert means for the incident's memory of its fingerprint:
 * - `new`: a fingerprint the incident did not know;
 * - `fired-again` / `resolved`: a newer episode, or the known episode resolving;
 * - `repeat`: the same fingerprint, status and start (Alertmanager's repeat, an HA replica's copy);
 * - `stale`: an older episode, or a firing copy of an episode already resolved (out-of-order or
 *   replayed posts): the status of one episode only ever moves from firing to resolved.
 */
export type AlertUpdate = "new" | "fired-again" | "resolved" | "repeat" | "stale";

/** Updates that change what the incident's document says; repeats and stale copies never do. */
export const isMaterial = (update: AlertUpdate): boolean => update === "new" || update === "fired-again" || update === "resolved";

const SUMMARY_CAP = 200;
const VALUE_CAP = 120;

const cap = (text: string | null | undefined, max: number): string | null => {
  if (text === null || text === undefined) return null;
  const oneLine = text.replace(/\s+/g, " ").trim();
  if (oneLine === "") return null;
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
};

const resolvedAtOf = (alert: Alert, receivedAt: string): string => (alert.endsAt ? toIso(toMs(alert.endsAt)) : receivedAt);

/** A fresh record of the alert's current episode. */
export const trackAlert = (alert: Alert, seen: { receivedAt: string; groupKey: string }): TrackedAlert => ({
  fingerprint: alert.fingerprint,
  name: alert.name,
  status: alert.status,
  startsAt: toIso(toMs(alert.startsAt)),
  firstSeen: seen.receivedAt,
  lastSeen: seen.receivedAt,
  resolvedAt: alert.status === "resolved" ? resolvedAtOf(alert, seen.receivedAt) : null,
  value: cap(alert.value ?? alert.annotations["value"], VALUE_CAP),
  labels: alert.labels,
  summary: cap(alert.annotations["summary"] ?? alert.annotations["description"], SUMMARY_CAP),
  generatorURL: alert.generatorURL,
  groupKey: seen.groupKey,
});

/** The incident's record of this fingerprint after receiving `alert`, and what kind of update it was. */
export const mergeAlert = (known: TrackedAlert | undefined, alert: Alert, seen: { receivedAt: string; groupKey: string }): { next: TrackedAlert; update: AlertUpdate } => {
  if (!known) return { next: trackAlert(alert, seen), update: "new" };
  const starts = toMs(alert.startsAt);
  const knownStarts = toMs(known.startsAt);
  if (starts < knownStarts) return { next: known, update: "stale" };
  if (starts > knownStarts) {
    const next = { ...trackAlert(alert, seen), firstSeen: seen.receivedAt };
    return { next, update: alert.status === "firing" ? "fired-again" : "resolved" };
  }
  if (known.status === "resolved" && alert.status === "firing") return { next: known, update: "stale" };
  const lastSeen = toMs(seen.receivedAt) > toMs(known.lastSeen) ? seen.receivedAt : known.lastSeen;
  const refreshed = { ...known, lastSeen, value: cap(alert.value ?? alert.annotations["value"], VALUE_CAP) ?? known.value, labels: alert.labels };
  if (known.status === "firing" && alert.status === "resolved") {
    return { next: { ...refreshed, status: "resolved", resolvedAt: resolvedAtOf(alert, seen.receivedAt) }, update: "resolved" };
  }
  return { next: refreshed, update: "repeat" };
};
