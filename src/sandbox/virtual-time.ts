import type { Clock } from "../ports/clock.js";
import type { Timers } from "../ports/timers.js";
import { AgenticOpsError } from "../core/model/agenticops-error.js";

interface Timer {
  at: number;
  seq: number;
  callback: () => unknown;
}

/**
 * A clock and timers that move only when told: hours of write pacing run in moments, and what
 * happened at which (virtual) time is exact. Callbacks that return a promise are awaited before
 * time moves on, like a real process that is busy writing.
 */
export class VirtualTime implements Clock, Timers {
  private nowMs: number;
  private timers: Timer[] = [];
  private seq = 0;

  constructor(start: Date | number) {
    this.nowMs = typeof start === "number" ? start : start.getTime();
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  setTimer(delayMs: number, callback: () => unknown): () => void {
    const timer = { at: this.nowMs + Math.max(0, delayMs), seq: (this.seq += 1), callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /**
   * Fires every timer due up to `until` (epoch ms), in time order, awaiting `settle` (work the
   * callbacks started) after each, then sets the clock to `until`.
   */
  async advanceTo(until: number, settle: () => Promise<unknown> = async () => undefined): Promise<void> {
    await settle();
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > until) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.nowMs = Math.max(this.nowMs, next.at);
      await next.callback();
      await settle();
    }
    this.nowMs = Math.max(this.nowMs, until);
  }

  /** Fires timers until none is left (at most `maxTimers`, against a runaway loop); returns the final time. */
  async runAll(settle: () => Promise<unknown> = async () => undefined, maxTimers = 1_000_000): Promise<number> {
    await settle();
    for (let fired = 0; fired < maxTimers; fired += 1) {
      const next = this.earliest();
      if (!next) return this.nowMs;
      await this.advanceTo(next.at, settle);
    }
    throw new AgenticOpsError("SANDBOX_FAILED", `virtual time: more than ${maxTimers} timers fired`, { hint: "a timer keeps re-arming itself without the work it waits for ever finishing" });
  }

  private earliest(): Timer | undefined {
    return this.timers.reduce<Timer | undefined>((best, t) => (best === undefined || t.at < best.at || (t.at === best.at && t.seq < best.seq) ? t : best), undefined);
  }
}
