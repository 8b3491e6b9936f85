import type { Probot } from "probot";
import type { AlertIncidentSettings } from "../../core/alert-incident-pipeline.js";
import type { WriteLedger } from "../../core/act/write-ledger.js";
import type { Clock } from "../../ports/clock.js";
import type { RemediationPlanner } from "../../ports/remediation-planner.js";
import type { Timers } from "../../ports/timers.js";
import { createAlertIncidentSink, type AlertIncidentSink } from "../create-alert-incident-sink.js";

export interface DefaultAlertSinkOptions {
  /** the app's clock: correlation windows and pacing run on it */
  clock: Clock;
  /** log what would be written, write nothing */
  dryRun: boolean;
  /** real timers unless given (drills fire them on the sandbox clock) */
  timers?: Timers;
  /** the production defaults (10 s flush, 10 min window, 70 writes/min…) unless overridden */
  settings?: Partial<AlertIncidentSettings>;
  /** runbook-driven remediation, called on incident changes */
  remediation?: RemediationPlanner;
  /** where the app's Octokit counts writes, when it was built with its own (benchmarks) */
  ledger?: WriteLedger;
}

/**
 * The sink accepted alerts go to when the settings name none — in production and in drills alike:
 * alert incidents, one issue each (or a comment on a failed-deploy incident), paced per installation.
 */
export const defaultAlertSink = (app: Probot, options: DefaultAlertSinkOptions): AlertIncidentSink =>
  createAlertIncidentSink(app, {
    clock: options.clock,
    dryRun: options.dryRun,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.remediation ? { remediation: options.remediation } : {}),
    ...(options.ledger ? { ledger: options.ledger } : {}),
  });
