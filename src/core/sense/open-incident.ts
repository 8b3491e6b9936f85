import type { Incident, Severity } from "../../schemas/incident.js";
import type { Signal } from "../../schemas/signal.js";
import { incidentFingerprint } from "../model/incident-fingerprint.js";

const severityOf = (signal: Signal): Severity => {
  if (signal.kind === "deployment_failed") return signal.environment === "production" ? "high" : "medium";
  if (signal.kind === "alert_firing") return "high";
  return "low";
};

const titleOf = (signal: Signal): string => {
  const short = signal.sha?.slice(0, 7) ?? "unknown commit";
  const where = signal.environment ? ` to ${signal.environment}` : "";
  if (signal.kind === "deployment_failed") return `Deploy${where} failed at ${short} (${signal.workflow ?? "deploy"})`;
  return `${signal.workflow ?? "Workflow"} failed at ${short}${signal.ref ? ` on ${signal.ref}` : ""}`;
};

/** An incident keyed only on facts of the signal, so every duplicate delivery maps to the same id. */
export const openIncident = (signal: Signal): Incident => {
  const key = {
    repo: signal.repo,
    kind: signal.kind,
    environment: signal.environment,
    workflow: signal.workflow,
    sha: signal.sha,
    group: null,
  };
  return {
    id: incidentFingerprint(key),
    key,
    title: titleOf(signal),
    severity: severityOf(signal),
    status: "open",
    // the source's time keeps the incident (and its issue body) identical across redeliveries
    openedAt: signal.occurredAt ?? signal.receivedAt,
    signals: [signal],
  };
};
