import type { Clock } from "../ports/clock.js";

/** What the composition root needs besides Probot itself. */
export interface AppOptions {
  clock: Clock;
  /** plan and log, but write nothing to GitHub */
  dryRun: boolean;
}
