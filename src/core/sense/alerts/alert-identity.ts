import { createHash } from "node:crypto";
import type { AlertSource } from "../../../schemas/alert.js";

/**
 * Our id for one post: a hash of the source and the exact bytes received, so an identical resend
 * (Alertmanager retries, a replayed dispatch) is recognisably the same notification.
 */
export const alertNotificationId = (source: AlertSource, body: Uint8Array | string): string =>
  createHash("sha256").update(`${source}\n`).update(body).digest("hex");

const byKey = ([a]: [string, string], [b]: [string, string]): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Identity of an alert from its labels alone, for senders that give none: the same label set
 * always gives the same fingerprint, whatever order the keys came in.
 */
export const labelFingerprint = (labels: Record<string, string>): string => {
  const hash = createHash("sha256");
  // \u0000 and \u0001 cannot appear in label names and keep "a=b,c" apart from "a=b" + "c"
  for (const [key, value] of Object.entries(labels).sort(byKey)) hash.update(`${key}\u0000${value}\u0001`);
  return hash.digest("hex").slice(0, 16);
};

/** The labels every alert carries with the same value (Alertmanager's `commonLabels`). */
export const commonLabels = (alerts: ReadonlyArray<{ labels: Record<string, string> }>): Record<string, string> => {
  const [first, ...rest] = alerts;
  if (!first) return {};
  const entries = Object.entries(first.labels).filter(([key, value]) => rest.every((a) => a.labels[key] === value));
  return Object.fromEntries(entries.sort(byKey));
};

/** `{a="1",b="2"}`: how Alertmanager prints a label set in group keys. */
export const formatLabelSet = (labels: Record<string, string>): string =>
  `{${Object.entries(labels)
    .sort(byKey)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(",")}}`;
