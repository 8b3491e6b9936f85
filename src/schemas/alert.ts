import { z } from "zod";
import { RepoRef } from "./signal.js";

export const AlertSource = z.enum(["alertmanager", "grafana", "generic"]);
export type AlertSource = z.infer<typeof AlertSource>;

export const AlertStatus = z.enum(["firing", "resolved"]);
export type AlertStatus = z.infer<typeof AlertStatus>;

const StringMap = z.record(z.string(), z.string());

/**
 * One alert, normalised from Alertmanager, Grafana or the generic format. Labels and values are
 * facts a runbook trigger may match; annotations are free text and never choose an action.
 */
export const Alert = z.strictObject({
  status: AlertStatus,
  /** `alertname` label (Alertmanager/Grafana) or the generic `name` */
  name: z.string().min(1),
  /** stable identity of the alert at its source (Alertmanager/Grafana fingerprint, or derived from labels) */
  fingerprint: z.string().min(1),
  labels: StringMap,
  annotations: StringMap,
  startsAt: z.iso.datetime({ offset: true }),
  /** null while firing (Alertmanager sends 0001-01-01T00:00:00Z for "unset") */
  endsAt: z.iso.datetime({ offset: true }).nullable(),
  generatorURL: z.string().nullable(),
  /** the observed value(s) as the source printed them, e.g. Grafana's valueString */
  value: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

/** One accepted webhook post (or repository_dispatch), normalised; the unit the journal stores. */
export const AlertNotification = z.strictObject({
  source: AlertSource,
  /** our id for this post: a hash of source and body, so an identical resend is the same notification */
  id: z.string().min(1),
  receivedAt: z.iso.datetime({ offset: true }),
  /** Alertmanager groupKey / Grafana groupKey / generic `group`; alerts of one group form one incident */
  groupKey: z.string().min(1),
  groupLabels: StringMap,
  commonLabels: StringMap,
  externalURL: z.string().nullable(),
  /** alerts the sender dropped from this post (Alertmanager max_alerts) */
  truncatedAlerts: z.number().int().min(0),
  alerts: z.array(Alert),
});
export type AlertNotification = z.infer<typeof AlertNotification>;

/** A notification with the repository (and service) its routing rule chose. */
export const RoutedAlertNotification = AlertNotification.extend({
  repo: RepoRef,
  /** service name from the route or the service catalog, when known */
  service: z.string().min(1).nullable(),
  /** name of the routing rule that matched, for logs and the incident write-up */
  route: z.string().min(1),
});
export type RoutedAlertNotification = z.infer<typeof RoutedAlertNotification>;
