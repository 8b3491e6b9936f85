import type { Clock } from "../../ports/clock.js";

const HOUR = 3_600_000;

/**
 * Content-creating GitHub requests per installation, by time: what GitHub's secondary limits
 * count. Every write through AgenticOpsOctokit is recorded here (rollbacks and comments too), so
 * pacing sees the installation's whole budget, not only its own writes.
 */
export class WriteLedger {
  private readonly recent = new Map<string, number[]>();
  private readonly totals = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  record(installation: string | number): void {
    const key = String(installation);
    const now = this.clock.now().getTime();
    const times = this.recent.get(key) ?? [];
    // clocks are monotonic here; an out-of-order time is kept sorted anyway
    let i = times.length;
    while (i > 0 && times[i - 1]! > now) i -= 1;
    times.splice(i, 0, now);
    while (times.length > 0 && times[0]! <= now - HOUR) times.shift();
    this.recent.set(key, times);
    this.totals.set(key, (this.totals.get(key) ?? 0) + 1);
  }

  /** Write times of the last hour, oldest first. */
  times(installation: string | number): readonly number[] {
    return this.recent.get(String(installation)) ?? [];
  }

  /** Writes recorded since the process started. */
  total(installation: string | number): number {
    return this.totals.get(String(installation)) ?? 0;
  }

  installations(): string[] {
    return [...this.totals.keys()];
  }
}
