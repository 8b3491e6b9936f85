import type { RoutedAlertNotification } from "../schemas/alert.js";

/**
 * Where accepted alerts go after intake (incident grouping, issues, pacing).
 *
 * Intake calls `accept` after it has answered the sender and journaled the notification, once
 * per routed notification (a post whose alerts route to several repositories arrives as several
 * notifications). A rejected promise means "not done": intake keeps the journal record and calls
 * again later with backoff, and replays it after a restart, so `accept` must be idempotent for a
 * given `notification.id` + `notification.repo` (the same notification can arrive more than once).
 */
export interface AlertSink {
  accept(notification: RoutedAlertNotification): Promise<void>;
}
