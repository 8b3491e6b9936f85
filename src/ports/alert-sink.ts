import type { RoutedAlertNotification } from "../schemas/alert.js";

/** What became of an accepted notification after `accept` resolved. */
export interface AlertDelivery {
  /**
   * Resolves once the notification's effect is on GitHub: the write carrying it was applied, or it
   * needed none (a repeat, an uninstalled repository). Rejects when that write was given up. Until
   * then intake keeps the notification in its journal, so a crash before the write replays it.
   */
  written: Promise<void>;
}

/**
 * Where accepted alerts go after intake (incident grouping, issues, pacing).
 *
 * Intake calls `accept` after it has answered the sender and journaled the notification, once
 * per routed notification (a post whose alerts route to several repositories arrives as several
 * notifications). A rejected promise means "not taken": intake keeps the journal record and calls
 * again later with backoff. A resolved one lets the group's next notification through at once; the
 * record is marked done when the returned delivery is `written` (no delivery: at once). Records not
 * done are replayed after a restart, so `accept` must be idempotent for a given `notification.id`
 * + `notification.groupKey` (the same notification can arrive more than once; the group key
 * carries the repository and service suffix, so it tells the split parts of one post apart).
 * Notifications of one group key arrive one at a time, in the order accepted.
 */
export interface AlertSink {
  accept(notification: RoutedAlertNotification): Promise<AlertDelivery | void>;
  /** Resolves when no write is in progress (virtual clocks advance only then). */
  idle?(): Promise<void>;
  /** Resolves once everything accepted so far is written (or given up); waits for the pacer. */
  settled?(): Promise<void>;
  /** Stops pacing timers; the write in progress finishes. Unwritten changes are replayed from the journal. */
  close?(): Promise<void>;
}
