import { createHash } from "node:crypto";
import type { Alert, RoutedAlertNotification } from "../../../src/schemas/alert.js";

export const REPO = { owner: "acme", name: "shop" };
export const T0 = Date.parse("2026-11-23T14:00:00.000Z");
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

/** A firing alert of `name` on `instance`, with a fingerprint derived from both (as Alertmanager's is from labels). */
export const alert = (name: string, instance: string, overrides: Partial<Alert> = {}): Alert => ({
  status: "firing",
  name,
  fingerprint: createHash("sha256").update(`${name}/${instance}`).digest("hex").slice(0, 16),
  labels: { alertname: name, instance, severity: "critical", service: "checkout" },
  annotations: { summary: `${name} on ${instance}` },
  startsAt: at(0),
  endsAt: null,
  generatorURL: `http://prometheus.local/graph?g0.expr=${name}`,
  value: null,
  ...overrides,
});

export const resolved = (a: Alert, endsMinutes: number): Alert => ({ ...a, status: "resolved", endsAt: at(endsMinutes) });

let sequence = 0;

/** One Alertmanager post for `group`, routed to acme/shop's checkout service. */
export const notification = (group: string, alerts: Alert[], overrides: Partial<RoutedAlertNotification> = {}): RoutedAlertNotification => ({
  source: "alertmanager",
  id: `n-${(sequence += 1)}`,
  receivedAt: at(0),
  groupKey: `{}:{alertname="${group}"}`,
  groupLabels: { alertname: group },
  commonLabels: { alertname: group, service: "checkout" },
  externalURL: "http://alertmanager.local",
  truncatedAlerts: 0,
  alerts,
  repo: REPO,
  service: "checkout",
  route: "checkout",
  ...overrides,
});
