import type { AlertNotification } from "../../../schemas/alert.js";
import type { GrafanaAlert, GrafanaWebhook } from "../../../schemas/grafana-webhook.js";
import { nonEmpty, normalisePrometheusAlert, prometheusNotification, type PostMeta } from "./normalise-alertmanager.js";

/** Grafana's own rendering when it has one, else the values by ref id: "B=44.2, C=1". */
const observedValue = (alert: GrafanaAlert): string | null => {
  const printed = nonEmpty(alert.valueString?.trim());
  if (printed) return printed;
  const entries = Object.entries(alert.values ?? {});
  return entries.length > 0 ? entries.map(([ref, v]) => `${ref}=${v === null ? "null" : String(v)}`).join(", ") : null;
};

/** A Grafana-managed alerting webhook (payload version "1") as intake journals and routes it. */
export const normaliseGrafana = (payload: GrafanaWebhook, meta: PostMeta): AlertNotification =>
  prometheusNotification("grafana", payload, meta, (alert) => normalisePrometheusAlert(alert, observedValue(alert)));
