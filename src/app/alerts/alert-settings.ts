import type { Probot } from "probot";
import type { Env } from "../../schemas/env.js";
import type { AlertRoutes } from "../../schemas/alert-routes.js";
import type { AlertSink } from "../../ports/alert-sink.js";
import type { Backoff } from "../../adapters/alerts/alert-forwarder.js";
import type { RemediationPlanner } from "../../ports/remediation-planner.js";
import type { DefaultAlertSinkOptions } from "./default-alert-sink.js";
import type { AlertCredentials } from "./alert-auth.js";
import type { AlertIntake } from "./alert-intake.js";
import type { AlertRemediation } from "../alert-remediation-planner.js";

/** What the app needs to take alerts in, from the environment (or a test). */
export interface AlertSettings {
  credentials: AlertCredentials;
  maxBodyBytes: number;
  journalDir: string;
  /** the routing file; null: HTTP alerts are accepted but go nowhere (repository_dispatch needs none) */
  routes: AlertRoutes | null;
  /** built once Probot is up, so the sink may use the app's authentication; default: defaultAlertSink */
  sink?: (app: Probot) => AlertSink;
  /** the default sink's timers, settings and write ledger (drills pace on the sandbox clock); production defaults otherwise */
  incidents?: Pick<DefaultAlertSinkOptions, "timers" | "settings" | "ledger">;
  /**
   * handed to the default sink: called when an incident opens, changes, resolves or reopens.
   * Default: runbook-driven remediation (alertRemediationPlanner); `false` turns it off.
   */
  remediation?: RemediationPlanner | false;
  /** how long an incident must keep firing, once written, before the default planner acts (60 s) */
  remediationHoldMs?: number;
  /** called with the default planner once built (drills wait for it between events) */
  onRemediation?: (planner: AlertRemediation) => void;
  backoff?: Backoff;
  /** called with the running intake (tests wait on it and close it) */
  onStarted?: (intake: AlertIntake) => void;
}

export const alertCredentialsFromEnv = (env: Env): AlertCredentials => ({
  bearerTokens: env.ALERTS_BEARER_TOKENS ?? [],
  basic: env.ALERTS_BASIC_AUTH ?? [],
  hmac: {
    secrets: env.ALERTS_HMAC_SECRETS ?? [],
    header: env.ALERTS_HMAC_HEADER,
    timestampHeader: env.ALERTS_HMAC_TIMESTAMP_HEADER,
    maxAgeSeconds: env.ALERTS_HMAC_MAX_AGE_SECONDS,
  },
});

export const alertSettingsFromEnv = (env: Env, routes: AlertRoutes | null): AlertSettings => ({
  credentials: alertCredentialsFromEnv(env),
  maxBodyBytes: env.ALERTS_MAX_BODY_BYTES,
  journalDir: env.ALERTS_JOURNAL_DIR,
  routes,
});
