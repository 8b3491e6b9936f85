import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { RoutedAlertNotification } from "../../schemas/alert.js";
import type { AlertJournalRecord } from "../../schemas/alert-journal-record.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import { GroupCommitFile } from "./group-commit-file.js";
import { readJournalFile } from "./read-journal-file.js";

export const JOURNAL_FILE = "alerts.jsonl";

/** One routed notification waiting for the sink. */
export interface JournalEntry {
  key: string;
  notification: RoutedAlertNotification;
}

/** A routed notification's journal key: the post's id plus its (repository-suffixed) group key. */
export const journalKey = (n: RoutedAlertNotification): string => `${n.id} ${n.groupKey}`;

const line = (record: AlertJournalRecord): string => `${JSON.stringify(record)}\n`;

/** Accepted records that have no done record, in the order they were accepted. */
const pendingOf = (records: readonly AlertJournalRecord[]): Map<string, RoutedAlertNotification> => {
  const pending = new Map<string, RoutedAlertNotification>();
  for (const r of records) {
    if (r.type === "accepted") pending.set(r.key, r.notification);
    else pending.delete(r.key);
  }
  return pending;
};

/**
 * The append-only alert journal (`<dir>/alerts.jsonl`). `append` resolves once the records are
 * fsync'd, which is when intake may answer 202; `markDone` records that the sink took one. When
 * every record is done the file is emptied, so it only grows while the sink is behind.
 * One process per directory: two replicas must not share a journal.
 */
export class AlertJournal {
  /** in memory, per key: the notification and the promise of its record being on disk */
  private readonly pending = new Map<string, { notification: RoutedAlertNotification; durable: Promise<void> }>();

  private constructor(
    private file: GroupCommitFile | null,
    private readonly clock: Clock,
  ) {}

  static async open(options: { dir: string; log: Logger; clock: Clock }): Promise<AlertJournal> {
    await mkdir(options.dir, { recursive: true });
    const path = join(options.dir, JOURNAL_FILE);
    const contents = await readJournalFile(path, options.log);
    const journal = new AlertJournal(null, options.clock);
    for (const [key, notification] of pendingOf(contents.records)) journal.pending.set(key, { notification, durable: Promise.resolve() });
    journal.file = await GroupCommitFile.open(path, contents.completeBytes, (file) => journal.compactIfSettled(file));
    return journal;
  }

  /** Notifications accepted but not yet done: what a restart hands to the sink again. */
  entries(): JournalEntry[] {
    return [...this.pending].map(([key, { notification }]) => ({ key, notification }));
  }

  /** How many notifications are not done. */
  get pendingCount(): number {
    return this.pending.size;
  }

  get size(): number {
    return this.file?.bytes ?? 0;
  }

  /**
   * Records notifications durably. One already pending (an identical resend) is not written again,
   * but still waits for its first write to reach the disk. Resolves to the entries that are new.
   */
  async append(notifications: readonly RoutedAlertNotification[]): Promise<JournalEntry[]> {
    const file = this.openFile();
    const waits: Promise<void>[] = [];
    const added: JournalEntry[] = [];
    for (const notification of notifications) {
      const key = journalKey(notification);
      const existing = this.pending.get(key);
      if (existing) {
        waits.push(existing.durable);
        continue;
      }
      const durable = file.append(line({ type: "accepted", key, notification }));
      // a failed write was never acknowledged: forget it, so a retry by the sender writes it again
      durable.catch(() => this.pending.delete(key));
      this.pending.set(key, { notification, durable });
      waits.push(durable);
      added.push({ key, notification });
    }
    await Promise.all(waits);
    return added;
  }

  /**
   * The sink has the notification: it will not be replayed. Not fsync'd on its own (it rides on
   * the next durable write): losing it in a crash only means the sink sees the notification again.
   */
  async markDone(key: string): Promise<void> {
    if (!this.pending.delete(key)) return;
    await this.openFile().append(line({ type: "done", key, at: this.clock.now().toISOString() }), { durable: false });
  }

  async close(): Promise<void> {
    await this.file?.close();
    this.file = null;
  }

  private openFile(): GroupCommitFile {
    if (!this.file) throw new Error("the alert journal is closed");
    return this.file;
  }

  private async compactIfSettled(file: GroupCommitFile): Promise<void> {
    if (this.pending.size === 0 && file.bytes > 0) await file.truncateAll();
  }
}
