import type { ApplicationFunction } from "probot";
import { createApp } from "./app/create-app.js";
import { loadEnv } from "./app/load-env.js";
import { systemClock } from "./ports/clock.js";

/** Entry point for `probot run`: validates the environment, then wires the app. */
const app: ApplicationFunction = (probot, options) => {
  const env = loadEnv(process.env);
  return createApp({ clock: systemClock, dryRun: env.AGENTICOPS_DRY_RUN, app: { id: env.APP_ID, slug: env.APP_SLUG } })(probot, options);
};

export default app;
