import { commonLabels, formatLabelSet, labelFingerprint } from "../../core/sense/alerts/alert-identity.js";
import { UNSET_TIME } from "../../schemas/alert-payload-fields.js";
import type { AlertEpisodes, AlertTimes } from "./alert-episodes.js";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const labelsOf = (alert: Json): Record<string, string> => (isObject(alert.labels) ? (alert.labels as Record<string, string>) : {});

/** Without episodes, every post starts (and ends) its alerts now. */
const timesNow = (status: unknown, now: Date): AlertTimes => ({ startsAt: now.toISOString(), endsAt: status === "resolved" ? now.toISOString() : UNSET_TIME });

const completeAlert = (alert: unknown, now: Date, extra: Json, episodes: AlertEpisodes | undefined): unknown => {
  if (!isObject(alert)) return alert;
  const status = alert.status ?? "firing";
  const fingerprint = typeof alert.fingerprint === "string" ? alert.fingerprint : labelFingerprint(labelsOf(alert));
  return {
    status,
    labels: {},
    annotations: {},
    ...(episodes ? episodes.timesOf(fingerprint, status, now) : timesNow(status, now)),
    generatorURL: "",
    fingerprint,
    ...extra,
    ...alert,
  };
};

/** The envelope both Alertmanager and Grafana put around their alerts. */
const envelope = (alerts: Json[], payload: Json): Json => {
  const common = commonLabels(alerts.map((a) => ({ labels: labelsOf(a) })));
  const groupLabels: Record<string, string> = common.alertname === undefined ? {} : { alertname: common.alertname };
  return {
    receiver: "agenticops",
    status: alerts.some((a) => a.status === "firing") ? "firing" : "resolved",
    groupLabels,
    commonLabels: common,
    commonAnnotations: {},
    groupKey: `{}:${formatLabelSet(isObject(payload.groupLabels) ? (payload.groupLabels as Record<string, string>) : groupLabels)}`,
    truncatedAlerts: 0,
  };
};

/**
 * A drill's `alert:` payload with what the real sender would add, so drills state only what
 * matters: missing fields get Alertmanager's (version 4) or Grafana's (version "1") values. Keys the
 * drill sets are sent as written, invalid ones included. Generic posts have their own defaults.
 * With `episodes`, an alert's `startsAt`/`endsAt` are those of its episode (repeats and HA
 * replicas send the same), else now.
 */
export const completeAlertPayload = (kind: "alertmanager" | "grafana" | "generic", payload: Json, now: Date, episodes?: AlertEpisodes): Json => {
  if (kind === "generic" || !Array.isArray(payload.alerts)) return payload;
  const extra: Json = kind === "grafana" ? { silenceURL: "", dashboardURL: "", panelURL: "", values: {}, valueString: "" } : {};
  const alerts = payload.alerts.map((a) => completeAlert(a, now, extra, episodes));
  const base = envelope(alerts.filter(isObject), payload);
  if (kind === "alertmanager") return { ...base, externalURL: "http://alertmanager.sandbox.invalid", version: "4", ...payload, alerts };
  return { ...base, orgId: 1, externalURL: "http://grafana.sandbox.invalid/", version: "1", title: "", state: base.status === "firing" ? "alerting" : "ok", message: "", ...payload, alerts };
};
