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
  /** Resolves when the sink has taken every notification forwarded so far and is not writing (tests, virtual time). */
  idle(): Promise<void>;
  /**
   * Resolves when every notification forwarded so far is done: written by the sink (which waits
   * for its pacer; on virtual time, run its timers first) and marked done in the journal.
   */
  settled(): Promise<void>;
  /** Notifications journaled by this process, and those not done yet (replays included). */
  stats(): { journaled: number; pending: number };
  /**
   * Stops retries, then the sink (the write in progress finishes and is marked done), then closes
   * the journal. Notifications not done stay in it and are replayed at the next start.
   */
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
  const { sink } = options;
  let open = true;
  let journaled = 0;
  const marking = new Set<Promise<void>>();
  const markDone = (key: string): Promise<void> => {
    // a write finishing after the journal closed: not marked, so the next start replays it (idempotently)
    if (!open) return Promise.resolve();
    const mark = journal.markDone(key);
    marking.add(mark);
    return mark.finally(() => marking.delete(mark));
  };
  const forwarder = new AlertForwarder({ sink, markDone, log: options.log, ...(options.backoff ? { backoff: options.backoff } : {}) });
  const replay = journal.entries();
  if (replay.length > 0) options.log.info({ notifications: replay.length, journal: options.journalDir }, "replaying accepted alerts from the journal");
  for (const entry of replay) forwarder.forward(entry);
  const idle = async (): Promise<void> => {
    await forwarder.idle();
    await sink.idle?.();
  };
  return {
    record: async (routed) => {
      const added = await journal.append(routed);
      journaled += added.length;
      return added;
    },
    forward: (entries) => entries.forEach((e) => forwarder.forward(e)),
    idle,
    settled: async () => {
      await idle();
      await sink.settled?.();
      await forwarder.settled();
    },
    stats: () => ({ journaled, pending: journal.pendingCount }),
    close: async () => {
      forwarder.close();
      await forwarder.idle();
      await sink.close?.();
      // the done records of the write that just finished are on their way (promise reactions)
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.all(marking);
      open = false;
      await journal.close();
    },
  };
};
