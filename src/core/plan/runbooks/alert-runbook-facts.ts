import type { AlertIncident, TrackedAlert } from "../../model/alert-incident.js";
import type { Alert } from "../../../schemas/alert.js";
import type { RepoConfig } from "../../../schemas/repo-config.js";
import { RunbookFacts, type RunbookHistory } from "../../../schemas/runbook-facts.js";
import type { DeployedRange } from "../find-deployed-range.js";

/** The alert as runbooks see it: labels and values, never free text that could steer a choice. */
export const runbookAlert = (tracked: TrackedAlert): Alert => ({
  status: tracked.status,
  name: tracked.name,
  fingerprint: tracked.fingerprint,
  labels: tracked.labels,
  annotations: {},
  startsAt: tracked.startsAt,
  endsAt: tracked.resolvedAt,
  generatorURL: tracked.generatorURL,
  value: tracked.value,
});

/** The firing alerts of an incident, oldest episode first: the first one a runbook matches leads. */
export const firingAlerts = (incident: Readonly<AlertIncident>): TrackedAlert[] =>
  [...incident.alerts.values()].filter((a) => a.status === "firing").sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.fingerprint.localeCompare(b.fingerprint));

/** The service an incident is about, from the repository's service catalog. */
export const incidentService = (incident: Readonly<AlertIncident>, config: RepoConfig): RepoConfig["services"][number] | null =>
  incident.service === null ? null : (config.services.find((s) => s.name === incident.service) ?? null);

/** The environment an alert incident is in: its own (from labels), else its service's. */
export const incidentEnvironment = (incident: Readonly<AlertIncident>, config: RepoConfig): string | null => incident.environment ?? incidentService(incident, config)?.environment ?? null;

/**
 * Facts for one firing alert of an incident, with the latest deploy's range when it was read.
 * Parsed through the schema, so a value GitHub or a sender got wrong fails here, located.
 */
export const alertRunbookFacts = (input: {
  incident: Readonly<AlertIncident>;
  alert: TrackedAlert;
  config: RepoConfig;
  range: DeployedRange | null;
  history: Record<string, RunbookHistory>;
  now: Date;
}): RunbookFacts => {
  const { incident, range, config } = input;
  const service = incidentService(incident, config);
  return RunbookFacts.parse({
    incident_id: incident.id,
    signal: "alert",
    environment: incidentEnvironment(incident, config),
    alert: runbookAlert(input.alert),
    service: service ? { name: service.name, files: service.files, owners: service.owners ?? [] } : null,
    last_good: range?.lastGood ?? null,
    failing: range?.deployed ?? null,
    range_commits: range?.commits.map((c) => c.sha) ?? [],
    range_files: range?.files ?? [],
    deployed_at: range?.deployedAt ?? null,
    now: input.now.toISOString(),
    history: input.history,
  });
};
