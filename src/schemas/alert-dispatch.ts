import { z } from "zod";
import { AlertSource } from "./alert.js";

/** The `event_type` of a repository_dispatch that carries an alert. */
export const ALERT_DISPATCH_EVENT_TYPE = "agenticops-alert";

/**
 * `client_payload` of a repository_dispatch with event_type `agenticops-alert`: an alert post as
 * Alertmanager, Grafana or the generic format would send it. The alerts go to the repository the
 * dispatch was sent to.
 */
export const AlertDispatchPayload = z.strictObject({
  source: AlertSource,
  payload: z.record(z.string(), z.unknown(), { error: "expected the alert post as a JSON object" }),
});
export type AlertDispatchPayload = z.infer<typeof AlertDispatchPayload>;
