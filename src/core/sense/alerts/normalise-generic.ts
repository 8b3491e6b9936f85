import type { Alert, AlertNotification } from "../../../schemas/alert.js";
import type { GenericAlert, GenericAlertPayload } from "../../../schemas/generic-alert.js";
import { commonLabels, formatLabelSet, labelFingerprint } from "./alert-identity.js";
import type { PostMeta } from "./normalise-alertmanager.js";

const normaliseAlert = (alert: GenericAlert, receivedAt: string): Alert => {
  // the name is a label too, so routes and fingerprints treat every source alike
  const labels = { alertname: alert.name, ...alert.labels };
  const resolved = alert.status === "resolved";
  return {
    status: alert.status,
    name: alert.name,
    fingerprint: alert.fingerprint ?? labelFingerprint(labels),
    labels,
    annotations: alert.annotations,
    startsAt: alert.startsAt ?? receivedAt,
    endsAt: resolved ? (alert.endsAt ?? receivedAt) : null,
    generatorURL: alert.generatorURL ?? null,
    value: alert.value ?? null,
  };
};

/** A generic alert post (docs/alerts.md) as intake journals and routes it. */
export const normaliseGeneric = (payload: GenericAlertPayload, meta: PostMeta): AlertNotification => {
  const alerts = payload.alerts.map((a) => normaliseAlert(a, meta.receivedAt));
  const common = commonLabels(alerts);
  return {
    source: "generic",
    id: meta.id,
    receivedAt: meta.receivedAt,
    // without a group, alerts sharing the same labels group together, as Alertmanager would
    groupKey: payload.group ?? `generic:${formatLabelSet(common)}`,
    groupLabels: {},
    commonLabels: common,
    externalURL: payload.externalURL ?? null,
    truncatedAlerts: 0,
    alerts,
  };
};
