import type { ApplicationFunction } from "probot";
import { createApp } from "./create-app.js";
import { createDiagnosisKit } from "./diagnosis-kit.js";
import { loadEnv } from "./load-env.js";
import { loadOrganisationPolicies } from "./organisation-policies.js";
import { alertSettingsFromEnv } from "./alerts/alert-settings.js";
import { loadAlertRoutes } from "../adapters/alerts/load-alert-routes.js";
import { systemClock } from "../ports/clock.js";

export interface ProductionAppHooks {
  /** receives what must run before the process exits: closing the alert intake and its sink */
  onShutdown?: (stop: () => Promise<void>) => void;
}

/** The app as it runs in production: validates the environment, builds the diagnosis kit and loads the policies once, then wires the app. */
export const productionApp =
  (hooks: ProductionAppHooks = {}): ApplicationFunction =>
  async (probot, options) => {
    const env = loadEnv(process.env);
    // at start, so a broken signature or routing file stops the app instead of failing every delivery
    const diagnosis = await createDiagnosisKit(env);
    const policies = await loadOrganisationPolicies(probot.log);
    const routes = env.ALERTS_ROUTES_FILE ? await loadAlertRoutes(env.ALERTS_ROUTES_FILE) : null;
    const alerts = { ...alertSettingsFromEnv(env, routes), onStarted: (intake: { close(): Promise<void> }) => hooks.onShutdown?.(() => intake.close()) };
    return createApp({ clock: systemClock, dryRun: env.AGENTICOPS_DRY_RUN, app: { id: env.APP_ID, slug: env.APP_SLUG }, diagnosis, policies, alerts })(probot, options);
  };
