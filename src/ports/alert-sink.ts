import type { RoutedAlertNotification } from "../schemas/alert.js";

/**
 * Where accepted alerts go after intake (incident grouping, issues, pacing).
 *
 * Intake calls `accept` after it has answered the sender and journaled the notification, once
 * per routed notification (a post whose alerts route to several repositories arrives as several
 * notifications). A rejected promise means "not done": intake keeps the journal record and calls
 * again later with backoff, and replays it after a restart, so `accept` must be idempotent for a
 * given `notification.id` + `notification.groupKey` (the same notification can arrive more than
 * once; the group key carries the repository and service suffix, so it tells the split parts of
 * one post apart). Notifications of one group key arrive one at a time, in the order accepted.
 */
export interface AlertSink {
  accept(notification: RoutedAlertNotification): Promise<void>;
}
