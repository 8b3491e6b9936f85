import type { Severity } from "../../../schemas/incident.js";
import type { AlertIncident } from "../../model/alert-incident.js";

/** Common `severity` label values, mapped onto the incident severities deploy incidents use. */
const LEVELS: Record<string, Severity> = {
  critical: "critical",
  fatal: "critical",
  page: "critical",
  emergency: "critical",
  high: "high",
  error: "high",
  major: "high",
  warning: "medium",
  warn: "medium",
  medium: "medium",
  minor: "medium",
  info: "low",
  low: "low",
  none: "low",
};
const ORDER: readonly Severity[] = ["low", "medium", "high", "critical"];

/** The highest severity any of the incident's alerts carries; `high` when none says. */
export const alertIncidentSeverity = (incident: AlertIncident): Severity => {
  let best: Severity | null = null;
  for (const alert of incident.alerts.values()) {
    const level = LEVELS[(alert.labels["severity"] ?? "").toLowerCase()];
    if (level && (best === null || ORDER.indexOf(level) > ORDER.indexOf(best))) best = level;
  }
  return best ?? "high";
};
