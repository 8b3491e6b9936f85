import type { RepoRef } from "../../schemas/signal.js";
import { toIso, toMs } from "./alert-incident.js";
import { incidentFingerprint } from "./incident-fingerprint.js";

/** What opened an alert incident: an alert group at its first start, or a failed deploy it joined. */
export type AlertIncidentAnchor = { groupKey: string; openedAt: string } | { deployIncident: string };

/**
 * Deterministic id of an alert incident, in the same `inc-…` style as deploy incidents. A group
 * that fires again long after it resolved is a new incident, so the start is part of the key; it
 * is the source's time, identical in HA duplicates and journal replays.
 */
export const alertIncidentId = (repo: RepoRef, anchor: AlertIncidentAnchor): string =>
  incidentFingerprint({
    repo,
    kind: "alert_firing",
    environment: null,
    workflow: null,
    sha: null,
    group: "deployIncident" in anchor ? `deploy ${anchor.deployIncident}` : JSON.stringify([anchor.groupKey, toIso(toMs(anchor.openedAt))]),
  });
