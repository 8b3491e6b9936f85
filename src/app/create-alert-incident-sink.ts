import type { Probot } from "probot";
import { installationWrites } from "../adapters/github/agenticops-octokit.js";
import { BackgroundWork } from "../core/act/background-work.js";
import { ALERT_WRITE_LIMITS } from "../core/act/write-budget.js";
import type { WriteLedger } from "../core/act/write-ledger.js";
import { AlertIncidentPipeline, DEFAULT_ALERT_INCIDENT_SETTINGS, type AlertIncidentSettings } from "../core/alert-incident-pipeline.js";
import { systemClock, type Clock } from "../ports/clock.js";
import type { RemediationPlanner } from "../ports/remediation-planner.js";
import { systemTimers, type Timers } from "../ports/timers.js";
import { probotRepoAccess } from "./alert-repo-access.js";

export interface AlertIncidentSinkOptions {
  clock?: Clock;
  timers?: Timers;
  /** log what would be written, write nothing */
  dryRun?: boolean;
  /**
   * Where the app's Octokit counts each installation's writes: AgenticOpsOctokit's process-wide
   * ledger unless the Octokit was built with another `writeLedger`.
   */
  ledger?: WriteLedger;
  /** window (10 min), flush interval (10 s), limits (70/min, 450/h), retention, acknowledge… */
  settings?: Partial<AlertIncidentSettings>;
  remediation?: RemediationPlanner;
  /** how long installation lookups and repository configs are reused (default 60 s) */
  configTtlMs?: number;
}

/** The sink intake delivers to, plus what an operator or a later remediation step needs. */
export type AlertIncidentSink = Pick<AlertIncidentPipeline, "accept" | "settled" | "idle" | "close" | "stats" | "recordPullRequest" | "issueOf">;

/**
 * Alert incidents for a Probot app: `accept` resolves once the notification's incident state is in
 * memory and its GitHub write is scheduled (or, with `settings.acknowledge: "written"`, written).
 * Writes are paced per installation and survive restarts through the issues' hidden state.
 */
export const createAlertIncidentSink = (app: Probot, options: AlertIncidentSinkOptions = {}): AlertIncidentSink => {
  const clock = options.clock ?? systemClock;
  const log = app.log.child({ name: "alert-incidents" });
  const background = new BackgroundWork();
  const access = probotRepoAccess(app, { clock, log, dryRun: options.dryRun ?? false, ttlMs: options.configTtlMs ?? 60_000, background });
  return new AlertIncidentPipeline(
    { access, clock, timers: options.timers ?? systemTimers, ledger: options.ledger ?? installationWrites, log, background, ...(options.remediation ? { remediation: options.remediation } : {}) },
    { ...DEFAULT_ALERT_INCIDENT_SETTINGS, limits: ALERT_WRITE_LIMITS, ...options.settings },
  );
};
