import { z } from "zod";
import { AlertPayloadStatus, LabelMap } from "./alert-payload-fields.js";
import { AlertmanagerAlert } from "./alertmanager-webhook.js";

/** Grafana prints `null` for a query that returned no data. */
const GrafanaValues = z.record(z.string(), z.number().nullable());

/**
 * One alert in a Grafana-managed alerting webhook post: Grafana's notifier is Alertmanager's, so an
 * Alertmanager alert plus the evaluated values. Only the fields intake reads are declared;
 * `silenceURL`, `dashboardURL`, `panelURL` and `imageURL` are links for humans and not kept.
 */
export const GrafanaAlert = AlertmanagerAlert.extend({
  /** the evaluated expressions by ref id, e.g. { "B": 44.2, "C": 1 } */
  values: GrafanaValues.nullable().optional(),
  /** the same, printed: "[ var='B' labels={} value=44.2 ]" */
  valueString: z.string().optional(),
});
export type GrafanaAlert = z.infer<typeof GrafanaAlert>;

/**
 * The webhook contact point's default body (Grafana 9+, payload version "1"). `title`, `state`
 * and `message` are templated text Grafana marks for deprecation; a custom payload template
 * replaces the whole body and is not supported here.
 */
export const GrafanaWebhook = z.object({
  version: z.literal("1", { error: 'expected "1" (the Grafana-managed alerting webhook payload; legacy dashboard alerts are not supported)' }),
  status: AlertPayloadStatus,
  orgId: z.number().int().optional(),
  groupKey: z.string().min(1),
  truncatedAlerts: z.number().int().min(0).default(0),
  groupLabels: LabelMap.default({}),
  commonLabels: LabelMap.default({}),
  externalURL: z.string().optional(),
  alerts: z.array(GrafanaAlert),
});
export type GrafanaWebhook = z.infer<typeof GrafanaWebhook>;
