import type { Probot } from "probot";
import type { AlertSink } from "../../ports/alert-sink.js";
import { loggingAlertSink } from "../../adapters/alerts/logging-alert-sink.js";

/**
 * The sink accepted alerts go to when the settings name none — in production and in drills alike,
 * so wiring incident handling here is enough for both. For now it only logs.
 */
export const defaultAlertSink = (app: Probot): AlertSink => loggingAlertSink(app.log);
