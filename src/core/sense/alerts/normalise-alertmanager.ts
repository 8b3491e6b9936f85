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

/** One alert as Alertmanager (and Grafana, whose notifier is Alertmanager's) sends it; `value` only Grafana prints. */
export const normalisePrometheusAlert = (alert: AlertmanagerAlert, value: string | null): Alert => {
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
    value,
  };
};

/** The envelope both senders share: group key and labels, external URL, truncation. */
export const prometheusNotification = <A extends AlertmanagerAlert>(
  source: "alertmanager" | "grafana",
  payload: Pick<AlertmanagerWebhook, "groupKey" | "groupLabels" | "commonLabels" | "externalURL" | "truncatedAlerts"> & { alerts: A[] },
  meta: PostMeta,
  normaliseAlert: (alert: A) => Alert,
): AlertNotification => ({
  source,
  id: meta.id,
  receivedAt: meta.receivedAt,
  groupKey: payload.groupKey,
  groupLabels: payload.groupLabels,
  commonLabels: payload.commonLabels,
  externalURL: nonEmpty(payload.externalURL),
  truncatedAlerts: payload.truncatedAlerts,
  alerts: payload.alerts.map(normaliseAlert),
});

/** An Alertmanager webhook (version 4) as the notification intake journals and routes. */
export const normaliseAlertmanager = (payload: AlertmanagerWebhook, meta: PostMeta): AlertNotification =>
  prometheusNotification("alertmanager", payload, meta, (alert) => normalisePrometheusAlert(alert, null));
