import type { Alert, AlertNotification } from "../../../schemas/alert.js";
import type { AlertmanagerAlert, AlertmanagerWebhook } from "../../../schemas/alertmanager-webhook.js";
import { UNSET_TIME } from "../../../schemas/alert-payload-fields.js";
import { labelFingerprint } from "./alert-identity.js";

/** What every normaliser needs besides the payload. */
export interface PostMeta {
  id: string;
  receivedAt: string;
}

/** A time the sender may leave unset: absent, Go's zero time, or (while firing) meaningless. */
export const endTime = (status: Alert["status"], endsAt: string | undefined): string | null =>
  status === "firing" || endsAt === undefined || endsAt === UNSET_TIME ? null : endsAt;

export const nonEmpty = (value: string | undefined): string | null => (value === undefined || value === "" ? null : value);

/** Alertmanager and Grafana name alerts by their `alertname` label. */
export const alertName = (labels: Record<string, string>, fingerprint: string): string =>
  nonEmpty(labels.alertname) ?? `alert ${fingerprint}`;

const normaliseAlert = (alert: AlertmanagerAlert): Alert => {
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
    value: null,
  };
};

/** An Alertmanager webhook (version 4) as the notification intake journals and routes. */
export const normaliseAlertmanager = (payload: AlertmanagerWebhook, meta: PostMeta): AlertNotification => ({
  source: "alertmanager",
  id: meta.id,
  receivedAt: meta.receivedAt,
  groupKey: payload.groupKey,
  groupLabels: payload.groupLabels,
  commonLabels: payload.commonLabels,
  externalURL: nonEmpty(payload.externalURL),
  truncatedAlerts: payload.truncatedAlerts,
  alerts: payload.alerts.map(normaliseAlert),
});
