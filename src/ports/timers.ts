/** Timers are a port, like the clock, so benchmarks and tests can run hours of pacing in moments. */
export interface Timers {
  /** Calls `callback` after `delayMs`; returns a function that cancels it. */
  setTimer(delayMs: number, callback: () => unknown): () => void;
}

export const systemTimers: Timers = {
  setTimer: (delayMs, callback) => {
    const timer = setTimeout(() => void callback(), Math.max(0, delayMs));
    return () => clearTimeout(timer);
  },
};
