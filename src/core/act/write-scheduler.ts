import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { Timers } from "../../ports/timers.js";
import { nextWriteAt, type WriteLimits } from "./write-budget.js";
import type { WriteLedger } from "./write-ledger.js";
import { WriteProgress } from "./write-progress.js";
import { WriteQueue, type WriteUrgency } from "./write-queue.js";

/** One GitHub write for `key` (at most one, rendered from the latest state); "more" when another is needed. */
export type WriteStep = (key: string) => Promise<"more" | "done">;

export interface WriteSchedulerOptions {
  clock: Clock;
  timers: Timers;
  ledger: WriteLedger;
  limits: WriteLimits;
  /** a key is written at most once per interval; changes in between coalesce (latest state wins) */
  flushIntervalMs: number;
  log: Logger;
  /** failed attempts before a flush is given up (the next change schedules it again) */
  maxAttempts?: number;
  retryBaseMs?: number;
}

export interface WriteSchedulerStats {
  pending: number;
  steps: number;
  failures: number;
  givenUp: number;
}

const MAX_RETRY_MS = 300_000;
const RANK: Record<WriteUrgency, number> = { create: 0, state: 1, update: 2 };

/**
 * Paces GitHub writes within an installation's budget (sliding minute and hour, counted by the
 * ledger), one at a time, most urgent first. Changes to one key within the flush interval become
 * one write; nothing is dropped: a write waits for budget, and a failure is retried with backoff.
 */
export class WriteScheduler {
  private readonly queue = new WriteQueue();
  private readonly lastWrite = new Map<string, number>();
  private readonly attempts = new Map<string, number>();
  private readonly progress = new WriteProgress();
  private inFlight: { key: string; covered: number; remark: WriteUrgency | null } | null = null;
  private pumping: Promise<void> | null = null;
  private cancelTimer: (() => void) | null = null;
  private closed = false;
  private readonly counters = { steps: 0, failures: 0, givenUp: 0 };

  constructor(
    private readonly step: WriteStep,
    private readonly options: WriteSchedulerOptions,
  ) {}

  /** `key` changed: write it when due (now for a creation, else a flush interval after its last write). */
  schedule(key: string, installation: string | number, urgency: WriteUrgency): void {
    this.progress.changed(key);
    const flight = this.inFlight;
    if (flight?.key === key) {
      flight.remark = flight.remark === null || RANK[urgency] < RANK[flight.remark] ? urgency : flight.remark;
      return;
    }
    this.queue.mark(key, String(installation), urgency, this.dueAt(key, urgency));
    this.kick();
  }

  /** Resolves once every change scheduled before this call has been written (or given up). */
  settled(): Promise<void> {
    return this.progress.settled();
  }

  /**
   * Resolves once the changes of `keys` scheduled before this call are written, however long other
   * keys wait for budget; rejects when one of those writes is given up.
   */
  written(keys: Iterable<string>): Promise<void> {
    return this.progress.written(keys);
  }

  /** Whether the last write of `key` was given up (and none succeeded since). */
  hasGivenUp(key: string): boolean {
    return this.progress.hasGivenUp(key);
  }

  /** Resolves when no write is in progress (virtual clocks advance only then). */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  /** Whether a write of `key` is queued or in progress. */
  isPending(key: string): boolean {
    return this.queue.has(key) || this.inFlight?.key === key;
  }

  stats(): WriteSchedulerStats {
    return { pending: this.queue.size, ...this.counters };
  }

  /** Stops timers and new writes; the write in progress finishes. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    await this.idle();
  }

  private dueAt(key: string, urgency: WriteUrgency): number {
    const now = this.options.clock.now().getTime();
    const last = this.lastWrite.get(key);
    if (urgency === "create" || last === undefined) return now;
    return Math.max(now, last + this.options.flushIntervalMs);
  }

  /** When each installation's budget allows a write, computed once per decision (many keys share one installation). */
  private budgetOpens(now: number): (installation: string) => number {
    const cache = new Map<string, number>();
    return (installation) => {
      let at = cache.get(installation);
      if (at === undefined) {
        at = nextWriteAt(this.options.ledger.times(installation), now, this.options.limits);
        cache.set(installation, at);
      }
      return at;
    };
  }

  private kick(): void {
    if (this.closed || this.pumping) return;
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      this.arm();
    });
  }

  private async pump(): Promise<void> {
    for (;;) {
      const now = this.options.clock.now().getTime();
      const opens = this.budgetOpens(now);
      const write = this.queue.next(now, (installation) => opens(installation) <= now);
      if (!write || this.closed) return;
      await this.run(write.key);
    }
  }

  /** Sets the timer for the next write that could happen: its due time, or when its budget opens. */
  private arm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.closed) return;
    const now = this.options.clock.now().getTime();
    const at = this.queue.wakeAt(this.budgetOpens(now));
    if (at === null) return;
    this.cancelTimer = this.options.timers.setTimer(at - now, () => {
      this.cancelTimer = null;
      this.kick();
      return this.pumping;
    });
  }

  private async run(key: string): Promise<void> {
    this.inFlight = { key, covered: this.progress.current, remark: null };
    try {
      const result = await this.step(key);
      this.counters.steps += 1;
      this.attempts.delete(key);
      this.lastWrite.set(key, this.options.clock.now().getTime());
      if (result === "more") this.queue.postpone(key, this.options.clock.now().getTime());
      else this.finish(key);
    } catch (error) {
      this.fail(key, error);
    } finally {
      this.inFlight = null;
    }
  }

  /** Written: changes made while writing are scheduled again, a flush interval later. */
  private finish(key: string): void {
    const flight = this.inFlight!;
    const installation = this.queue.get(key)?.installation ?? "unknown";
    this.queue.remove(key);
    if (flight.remark !== null) this.queue.mark(key, installation, flight.remark, this.options.clock.now().getTime() + this.options.flushIntervalMs);
    this.progress.wrote(key, flight.covered, flight.remark !== null);
  }

  private fail(key: string, error: unknown): void {
    this.counters.failures += 1;
    const attempts = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempts);
    const max = this.options.maxAttempts ?? 8;
    if (attempts < max) {
      const delay = Math.min(MAX_RETRY_MS, (this.options.retryBaseMs ?? 5_000) * 2 ** (attempts - 1));
      this.options.log.warn({ key, attempts, retryInMs: delay, err: error instanceof Error ? error.message : String(error) }, "write failed; retrying");
      this.queue.postpone(key, this.options.clock.now().getTime() + delay);
      return;
    }
    this.options.log.error({ key, attempts, err: error instanceof Error ? error.message : String(error) }, "write failed repeatedly; given up until the next change");
    this.counters.givenUp += 1;
    this.attempts.delete(key);
    this.queue.remove(key);
    this.progress.gaveUp(key, error);
  }
}
