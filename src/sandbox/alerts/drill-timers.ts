import type { Timers } from "../../ports/timers.js";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { SandboxState } from "../state/sandbox-state.js";

interface Timer {
  at: number;
  seq: number;
  callback: () => unknown;
}

/** Moves the sandbox clock forward by `ms`: the app, GitHub's timestamps and the drill see the same time. */
export const advanceSandboxClock = (state: SandboxState, ms: number): void => {
  const previous = state.now;
  state.now = () => new Date(previous().getTime() + ms);
};

/**
 * Timers on the sandbox clock that fire only when the drill runs them: the alert incident sink's
 * flush interval (10 s) and retries then cost no real waiting. Running them moves the sandbox
 * clock to each timer's time, as if the drill had waited that long.
 */
export class DrillTimers implements Timers {
  private timers: Timer[] = [];
  private seq = 0;

  constructor(private readonly state: SandboxState) {}

  setTimer(delayMs: number, callback: () => unknown): () => void {
    const timer = { at: this.state.now().getTime() + Math.max(0, delayMs), seq: (this.seq += 1), callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** timers set and not yet fired */
  pending(): number {
    return this.timers.length;
  }

  /** Fires timers earliest first until none is left, awaiting each one and then `settle`. */
  async runAll(settle: () => Promise<unknown>, maxTimers = 10_000): Promise<void> {
    await settle();
    for (let fired = 0; fired < maxTimers; fired += 1) {
      const next = this.timers.reduce<Timer | undefined>((best, t) => (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq) ? t : best), undefined);
      if (!next) return;
      this.timers = this.timers.filter((t) => t !== next);
      const ahead = next.at - this.state.now().getTime();
      if (ahead > 0) advanceSandboxClock(this.state, ahead);
      await next.callback();
      await settle();
    }
    throw new AgenticOpsError("SANDBOX_FAILED", `drill timers: more than ${maxTimers} fired`, { hint: "a timer keeps re-arming itself without the work it waits for ever finishing" });
  }
}
