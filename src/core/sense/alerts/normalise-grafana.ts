import type { Alert, AlertNotification } from "../../../schemas/alert.js";
import type { GrafanaAlert, GrafanaWebhook } from "../../../schemas/grafana-webhook.js";
import { labelFingerprint } from "./alert-identity.js";
import { alertName, endTime, nonEmpty, type PostMeta } from "./normalise-alertmanager.js";

/** Grafana's own rendering when it has one, else the values by ref id: "B=44.2, C=1". */
const observedValue = (alert: GrafanaAlert): string | null => {
  const printed = nonEmpty(alert.valueString?.trim());
  if (printed) return printed;
  const entries = Object.entries(alert.values ?? {});
  return entries.length > 0 ? entries.map(([ref, v]) => `${ref}=${v === null ? "null" : String(v)}`).join(", ") : null;
};

const normaliseAlert = (alert: GrafanaAlert): Alert => {
  const fingerprint = alert.fingerprint ?? labelFingerprint(alert.labels);
  return {
    status: alert.status,
    name: alertName(alert.labels, fingerprint),
    fingerprint,
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: alert.startsAt,
    endsAt: endTime(alert.status, alert.endsAt),
    generatorURL: nonEmpty(alert.generatorURL),
    value: observedValue(alert),
  };
};

/** A Grafana-managed alerting webhook (payload version "1") as intake journals and routes it. */
export const normaliseGrafana = (payload: GrafanaWebhook, meta: PostMeta): AlertNotification => ({
  source: "grafana",
  id: meta.id,
  receivedAt: meta.receivedAt,
  groupKey: payload.groupKey,
  groupLabels: payload.groupLabels,
  commonLabels: payload.commonLabels,
  externalURL: nonEmpty(payload.externalURL),
  truncatedAlerts: payload.truncatedAlerts,
  alerts: payload.alerts.map(normaliseAlert),
});
