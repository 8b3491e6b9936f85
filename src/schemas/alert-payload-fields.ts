import { z } from "zod";

/**
 * Field shapes shared by the alert payload schemas (Alertmanager, Grafana, generic), so that a
 * bad value gets the same message whichever system sent it.
 */
export const AlertDateTime = z.iso.datetime({ offset: true, error: "expected an ISO date-time" });

/** Alertmanager and Grafana write this for "not ended yet". */
export const UNSET_TIME = "0001-01-01T00:00:00Z";

export const LabelMap = z.record(z.string(), z.string({ error: "expected a string label value" }));

export const AlertPayloadStatus = z.enum(["firing", "resolved"], { error: "expected firing or resolved" });
