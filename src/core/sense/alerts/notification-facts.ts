import type { RoutedAlertNotification } from "../../../schemas/alert.js";
import type { ServiceTarget } from "../../../schemas/repo-config.js";

/** The service a notification is about: the route's choice, else the alerts' `service` label. */
export const serviceOf = (n: RoutedAlertNotification): string | null => n.service ?? n.commonLabels["service"] ?? n.groupLabels["service"] ?? null;

/**
 * The environment the alerts come from: an `environment` or `env` label shared by the alerts,
 * else the catalog's environment for the service when the catalog names it exactly once.
 */
export const environmentOf = (n: RoutedAlertNotification, service: string | null, catalog: readonly ServiceTarget[]): string | null => {
  const labelled = n.commonLabels["environment"] ?? n.commonLabels["env"];
  if (labelled) return labelled;
  const entries = catalog.filter((s) => s.name === service);
  return entries.length === 1 ? entries[0]!.environment : null;
};
