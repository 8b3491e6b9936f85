import type { AlertDelivery, AlertSink } from "../../ports/alert-sink.js";
import type { Logger } from "../../ports/logger.js";
import type { JournalEntry } from "./alert-journal.js";

export interface Backoff {
  /** first wait after a failure */
  initialMs: number;
  /** longest wait between attempts; retries never stop, the record stays in the journal */
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 300_000 };

export interface AlertForwarderOptions {
  sink: AlertSink;
  markDone: (key: string) => Promise<void>;
  log: Logger;
  backoff?: Backoff;
  /** waits `ms`; resolves false when the forwarder was closed meanwhile (tests replace it) */
  sleep?: (ms: number, signal: AbortSignal) => Promise<boolean>;
}

const abortableSleep = (ms: number, signal: AbortSignal): Promise<boolean> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => resolve(true), ms);
    timer.unref(); // a retry waiting must not keep the process alive
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve(false)), { once: true });
  });

/** Exponential, capped, with jitter so many failed notifications do not retry in lockstep. */
export const retryDelay = (attempt: number, backoff: Backoff, random = Math.random): number =>
  Math.round(Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempt - 1)) * (0.5 + random() / 2));

/**
 * Hands journaled notifications to the sink, after the sender has had its answer. Notifications of
 * one group go in order (a `resolved` never overtakes its `firing`); a failure is retried with
 * backoff and blocks only its own group. The next notification of a group goes as soon as the sink
 * took the previous one; done means later: the sink's write carrying it was applied (its delivery
 * is `written`), then the journal said so. A write given up leaves the record for the next start.
 */
export class AlertForwarder {
  private readonly chains = new Map<string, Promise<void>>();
  /** notifications taken by the sink whose writes (then done records) are still to come */
  private readonly completions = new Set<Promise<void>>();
  private readonly closed = new AbortController();
  private readonly backoff: Backoff;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<boolean>;

  constructor(private readonly options: AlertForwarderOptions) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.sleep = options.sleep ?? abortableSleep;
  }

  forward(entry: JournalEntry): void {
    if (this.closed.signal.aborted) return;
    const group = entry.notification.groupKey;
    const next = (this.chains.get(group) ?? Promise.resolve()).then(() => this.deliver(entry));
    this.chains.set(group, next);
    void next.finally(() => {
      if (this.chains.get(group) === next) this.chains.delete(group);
    });
  }

  /** Resolves when the sink has taken (or closing abandoned) every notification forwarded so far. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all(this.chains.values());
  }

  /**
   * Resolves when, besides, every notification taken is done or its write given up: waits for the
   * sink's writes, so only after the sink flushed (drills, tests); never while closing.
   */
  async settled(): Promise<void> {
    await this.idle();
    while (this.completions.size > 0) await Promise.all(this.completions);
  }

  /** Stops retrying; whatever is not done stays in the journal for the next start. */
  close(): void {
    this.closed.abort();
  }

  private async deliver(entry: JournalEntry): Promise<void> {
    const { log } = this.options;
    const details = { key: entry.key, repo: `${entry.notification.repo.owner}/${entry.notification.repo.name}`, alerts: entry.notification.alerts.length };
    for (let attempt = 1; !this.closed.signal.aborted; attempt += 1) {
      let delivery: AlertDelivery | void;
      try {
        delivery = await this.options.sink.accept(entry.notification);
      } catch (error) {
        const delayMs = retryDelay(attempt, this.backoff);
        log.warn({ ...details, attempt, delayMs, err: error }, "alert sink failed; will retry");
        if (!(await this.sleep(delayMs, this.closed.signal))) return;
        continue;
      }
      this.completeWhenWritten(entry.key, details, delivery?.written ?? Promise.resolve());
      return;
    }
  }

  /** Not awaited by the group's chain: the pacer may hold a write for minutes, later notifications go on. */
  private completeWhenWritten(key: string, details: Record<string, unknown>, written: Promise<void>): void {
    const { log, markDone } = this.options;
    const completion = written.then(
      // if the done record is lost, a restart replays the notification (the sink is idempotent)
      () => markDone(key).catch((error: unknown) => log.error({ ...details, err: error }, "could not mark an alert done in the journal")),
      (error: unknown) => log.error({ ...details, err: error }, "the write of an accepted alert was given up; it stays in the journal and is replayed at the next start"),
    );
    this.completions.add(completion);
    void completion.finally(() => this.completions.delete(completion));
  }
}
