import type { Alert, AlertNotification, RoutedAlertNotification } from "../../../schemas/alert.js";
import { commonLabels } from "./alert-identity.js";
import type { AlertDestination, AlertRouter } from "./alert-router.js";

export interface SplitNotification {
  routed: RoutedAlertNotification[];
  /** alerts no route matched: accepted, logged, not forwarded */
  unrouted: Alert[];
}

const destinationKey = (d: AlertDestination): string => `${d.repo.owner}/${d.repo.name}${d.service ? `#${d.service}` : ""}`;

/**
 * Routes alert by alert. One post can hold alerts for several services: it becomes one notification
 * per repository (and service), each keeping the post's id. Their group key is the sender's
 * suffixed with `@owner/name[#service]` — always, even when nothing was split, so a group's key
 * does not change with whichever alerts happen to share a post.
 */
export const splitByDestination = (notification: AlertNotification, route: AlertRouter): SplitNotification => {
  const groups = new Map<string, { destination: AlertDestination; alerts: Alert[] }>();
  const unrouted: Alert[] = [];
  for (const alert of notification.alerts) {
    const destination = route(alert);
    if (!destination) {
      unrouted.push(alert);
      continue;
    }
    const key = destinationKey(destination);
    const group = groups.get(key) ?? { destination, alerts: [] };
    group.alerts.push(alert);
    groups.set(key, group);
  }
  const routed = [...groups.entries()].map(([key, { destination, alerts }]) => ({
    ...notification,
    groupKey: `${notification.groupKey}@${key}`,
    commonLabels: commonLabels(alerts),
    alerts,
    repo: destination.repo,
    service: destination.service,
    route: destination.route,
  }));
  return { routed, unrouted };
};
