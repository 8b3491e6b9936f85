import type { ApplicationFunction } from "probot";
import { createApp } from "./app/create-app.js";
import { createDiagnosisKit } from "./app/diagnosis-kit.js";
import { loadEnv } from "./app/load-env.js";
import { loadOrganisationPolicies } from "./app/organisation-policies.js";
import { alertSettingsFromEnv } from "./app/alerts/alert-settings.js";
import { loadAlertRoutes } from "./adapters/alerts/load-alert-routes.js";
import { systemClock } from "./ports/clock.js";

/** Entry point for `probot run`: validates the environment, builds the diagnosis kit and loads the policies once, then wires the app. */
const app: ApplicationFunction = async (probot, options) => {
  const env = loadEnv(process.env);
  // at start, so a broken signature or routing file stops the app instead of failing every delivery
  const diagnosis = await createDiagnosisKit(env);
  const policies = await loadOrganisationPolicies(probot.log);
  const routes = env.ALERTS_ROUTES_FILE ? await loadAlertRoutes(env.ALERTS_ROUTES_FILE) : null;
  const alerts = alertSettingsFromEnv(env, routes);
  return createApp({ clock: systemClock, dryRun: env.AGENTICOPS_DRY_RUN, app: { id: env.APP_ID, slug: env.APP_SLUG }, diagnosis, policies, alerts })(probot, options);
};

export default app;
