import { z } from "zod";
import { AlertDateTime, AlertPayloadStatus, LabelMap } from "./alert-payload-fields.js";

/**
 * One alert in an Alertmanager webhook post. Only the fields intake reads are declared (and
 * validated); anything else Alertmanager adds is ignored.
 */
export const AlertmanagerAlert = z.object({
  status: AlertPayloadStatus,
  labels: LabelMap,
  annotations: LabelMap.default({}),
  startsAt: AlertDateTime,
  /** "0001-01-01T00:00:00Z" while the alert is firing */
  endsAt: AlertDateTime.optional(),
  generatorURL: z.string().optional(),
  /** absent before Alertmanager 0.19; then derived from the labels */
  fingerprint: z.string().min(1).optional(),
});
export type AlertmanagerAlert = z.infer<typeof AlertmanagerAlert>;

/**
 * Alertmanager's `webhook_config` body, payload version 4
 * (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config).
 * `receiver` and `commonAnnotations` are not read: the receiver is our own URL, and common
 * annotations are the intersection of the alerts' own annotations, which are kept.
 */
export const AlertmanagerWebhook = z.object({
  version: z.literal("4", { error: 'expected "4" (Alertmanager webhook payload version 4)' }),
  groupKey: z.string().min(1),
  /** absent before Alertmanager 0.23 */
  truncatedAlerts: z.number().int().min(0).default(0),
  status: AlertPayloadStatus,
  groupLabels: LabelMap.default({}),
  commonLabels: LabelMap.default({}),
  externalURL: z.string().optional(),
  alerts: z.array(AlertmanagerAlert),
});
export type AlertmanagerWebhook = z.infer<typeof AlertmanagerWebhook>;
