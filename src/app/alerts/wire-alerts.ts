import type { ApplicationFunctionOptions, Probot } from "probot";
import type { AlertSink } from "../../ports/alert-sink.js";
import type { Clock } from "../../ports/clock.js";
import { compileAlertRouter } from "../../core/sense/alerts/alert-router.js";
import { alertHttpHandler } from "./alert-http-handler.js";
import { hasCredentials, type AlertCredentials } from "./alert-auth.js";
import { startAlertIntake, type AlertIntake } from "./alert-intake.js";
import type { AlertSettings } from "./alert-settings.js";
import { handleAlertDispatch } from "./handle-alert-dispatch.js";
import { defaultAlertSink } from "./default-alert-sink.js";
import { alertRemediationPlanner, type AlertRemediation, type AlertRemediationOptions } from "../alert-remediation-planner.js";
import type { AlertIncidentSink } from "../create-alert-incident-sink.js";
import type { RemediationPlanner } from "../../ports/remediation-planner.js";
import { systemTimers } from "../../ports/timers.js";

const NO_CREDENTIALS: AlertCredentials = { bearerTokens: [], basic: [], hmac: { secrets: [], header: "", timestampHeader: "", maxAgeSeconds: 0 } };

export interface WireAlertsOptions {
  clock: Clock;
  /** the default sink logs its writes instead of making them */
  dryRun: boolean;
  /** what the default remediation planner needs besides the sink: the app's identity, git workspace and policies */
  remediation?: Pick<AlertRemediationOptions, "app" | "workspace" | "policies" | "runbooks">;
}

/** The settings' planner; else runbook-driven remediation on the default sink, when the app gave what it needs. */
const plannerFor = (app: Probot, settings: AlertSettings, options: WireAlertsOptions, sink: () => AlertIncidentSink | null): RemediationPlanner | AlertRemediation | null => {
  if (settings.remediation !== undefined) return settings.remediation || null;
  if (!options.remediation) return null;
  const planner = alertRemediationPlanner(app, {
    ...options.remediation,
    clock: options.clock,
    dryRun: options.dryRun,
    timers: settings.incidents?.timers ?? systemTimers,
    ...(settings.remediationHoldMs !== undefined ? { holdMs: settings.remediationHoldMs } : {}),
    sink,
  });
  settings.onRemediation?.(planner);
  return planner;
};

/** The settings' own sink, or alert incidents with the app's clock and dry-run mode, and remediation. */
const sinkFor = (app: Probot, settings: AlertSettings, options: WireAlertsOptions): AlertSink => {
  if (settings.sink) return settings.sink(app);
  let sink: AlertIncidentSink | null = null;
  const remediation = plannerFor(app, settings, options, () => sink);
  const incidents = defaultAlertSink(app, { clock: options.clock, dryRun: options.dryRun, ...settings.incidents, ...(remediation ? { remediation } : {}) });
  sink = incidents;
  if (!remediation || !("close" in remediation)) return incidents;
  // closing intake closes the sink, and with it remediation's holds
  return {
    accept: (n) => incidents.accept(n),
    idle: () => incidents.idle(),
    settled: () => incidents.settled(),
    close: async () => {
      remediation.close();
      await incidents.close();
    },
  };
};

/**
 * Alert intake: the `/alerts/*` HTTP routes (Probot 14 `addHandler`) and `repository_dispatch`,
 * handing what they accept to the sink. Without settings the routes answer 503 and dispatches are
 * ignored; it never runs open. Closing the intake (`onStarted`) closes the sink.
 */
export const wireAlerts = async (app: Probot, addHandler: ApplicationFunctionOptions["addHandler"], settings: AlertSettings | undefined, options: WireAlertsOptions): Promise<void> => {
  const { clock } = options;
  let intake: AlertIntake | null = null;
  if (settings) {
    intake = await startAlertIntake({ journalDir: settings.journalDir, sink: sinkFor(app, settings, options), log: app.log, clock, ...(settings.backoff ? { backoff: settings.backoff } : {}) });
    settings.onStarted?.(intake);
    if (!hasCredentials(settings.credentials)) app.log.warn({}, "alert routes are disabled: no ALERTS_* credentials are configured");
    else if (!settings.routes) app.log.warn({}, "no ALERTS_ROUTES_FILE: HTTP alerts will be accepted but not routed to any repository");
  }
  addHandler(
    alertHttpHandler({
      credentials: settings?.credentials ?? NO_CREDENTIALS,
      maxBodyBytes: settings?.maxBodyBytes ?? 0,
      router: settings?.routes ? compileAlertRouter(settings.routes) : null,
      intake,
      clock,
      log: app.log,
    }),
  );
  app.on("repository_dispatch", handleAlertDispatch({ intake, clock }));
};
