import type { RoutedAlertNotification } from "../../schemas/alert.js";
import type { AlertSink } from "../../ports/alert-sink.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import { AlertJournal, type JournalEntry } from "../../adapters/alerts/alert-journal.js";
import { AlertForwarder, type Backoff } from "../../adapters/alerts/alert-forwarder.js";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";

/** The journal and the forwarder, as the HTTP and repository_dispatch handlers use them. */
export interface AlertIntake {
  /** Journals routed notifications; resolved = on disk, the sender may be answered. Returns the new ones. */
  record(routed: readonly RoutedAlertNotification[]): Promise<JournalEntry[]>;
  /** Hands recorded notifications to the sink; call it after answering the sender. */
  forward(entries: readonly JournalEntry[]): void;
  /** Resolves when the sink has nothing in flight (tests). */
  idle(): Promise<void>;
  /** Stops retries and closes the journal; unfinished notifications stay in it. */
  close(): Promise<void>;
}

export interface AlertIntakeOptions {
  journalDir: string;
  sink: AlertSink;
  log: Logger;
  clock: Clock;
  backoff?: Backoff;
}

/**
 * Opens the journal and replays what a previous process accepted but the sink never finished —
 * including a crash right after answering 202.
 */
export const startAlertIntake = async (options: AlertIntakeOptions): Promise<AlertIntake> => {
  const journal = await AlertJournal.open({ dir: options.journalDir, log: options.log, clock: options.clock }).catch((error: unknown) => {
    throw new AgenticOpsError("CONFIG_INVALID", `cannot open the alert journal in ${options.journalDir}`, {
      cause: error,
      details: { dir: options.journalDir },
      hint: "set ALERTS_JOURNAL_DIR to a writable directory on durable storage",
    });
  });
  const forwarder = new AlertForwarder({
    sink: options.sink,
    markDone: (key) => journal.markDone(key),
    log: options.log,
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
  const replay = journal.entries();
  if (replay.length > 0) options.log.info({ notifications: replay.length, journal: options.journalDir }, "replaying accepted alerts from the journal");
  for (const entry of replay) forwarder.forward(entry);
  return {
    record: (routed) => journal.append(routed),
    forward: (entries) => entries.forEach((e) => forwarder.forward(e)),
    idle: () => forwarder.idle(),
    close: async () => {
      forwarder.close();
      await forwarder.idle();
      await journal.close();
    },
  };
};
