/**
 * Alertmanager webhook payloads (version 4, as `webhook_configs` sends them) for `bench:alerts`,
 * and the normalised notification the intake makes of one. The normaliser here is the bench's
 * stand-in while the benchmark drives the sink directly; the real one belongs to the intake.
 */
import { createHash } from "node:crypto";
import type { RoutedAlertNotification } from "../../src/schemas/alert.js";
import type { RepoRef } from "../../src/schemas/signal.js";

export interface AlertmanagerAlert {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  /** Alertmanager's "unset": 0001-01-01T00:00:00Z */
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

export interface AlertmanagerPayload {
  version: "4";
  groupKey: string;
  truncatedAlerts: number;
  status: "firing" | "resolved";
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: AlertmanagerAlert[];
}

export const UNSET = "0001-01-01T00:00:00Z";

/** Alertmanager's fingerprint is a 64-bit hash of the label set, printed as 16 hex digits. */
export const fingerprintOf = (labels: Record<string, string>): string =>
  createHash("sha256")
    .update(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join("\u0000"))
    .digest("hex")
    .slice(0, 16);

/** The labels shared by every alert of a post, as Alertmanager computes `commonLabels`. */
export const commonOf = (maps: Record<string, string>[]): Record<string, string> => {
  const [first, ...rest] = maps;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((m) => m[k] === v)));
};

/** What intake hands the sink for one post: normalised, routed to the service's repository. */
export const routedFromAlertmanager = (payload: AlertmanagerPayload, meta: { receivedAt: string; repo: RepoRef; route: string; replica: string }): RoutedAlertNotification => ({
  source: "alertmanager",
  // intake's id is a hash of source and body: an identical resend is the same notification
  id: createHash("sha256").update(`alertmanager\u0000${JSON.stringify(payload)}`).digest("hex").slice(0, 24),
  receivedAt: meta.receivedAt,
  groupKey: payload.groupKey,
  groupLabels: payload.groupLabels,
  commonLabels: payload.commonLabels,
  externalURL: payload.externalURL,
  truncatedAlerts: payload.truncatedAlerts,
  alerts: payload.alerts.map((a) => ({
    status: a.status,
    name: a.labels["alertname"] ?? "unnamed",
    fingerprint: a.fingerprint,
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt,
    endsAt: a.endsAt === UNSET ? null : a.endsAt,
    generatorURL: a.generatorURL,
    value: null,
  })),
  repo: meta.repo,
  service: payload.commonLabels["service"] ?? null,
  route: meta.route,
});
