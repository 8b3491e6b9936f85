import type { AlertStatus } from "../../schemas/alert.js";
import type { RepoRef } from "../../schemas/signal.js";

/** One alert as the incident remembers it: the latest episode of its fingerprint. */
export interface TrackedAlert {
  fingerprint: string;
  name: string;
  status: AlertStatus;
  /** the source's start of this episode (ISO, ms precision); with the fingerprint, the episode's identity */
  startsAt: string;
  /** when the bot first received this episode (notification receivedAt) */
  firstSeen: string;
  lastSeen: string;
  /** the source's end (endsAt), else when the resolution was received; null while firing */
  resolvedAt: string | null;
  value: string | null;
  labels: Record<string, string>;
  /** annotations.summary (or description), capped: context for readers, never a decision input */
  summary: string | null;
  generatorURL: string | null;
  groupKey: string;
}

/** One Alertmanager/Grafana group that fed the incident. */
export interface AlertGroupState {
  groupKey: string;
  /** alerts the sender left out of its latest post of this group */
  truncated: number;
  route: string | null;
  externalURL: string | null;
}

/** A failed-deploy incident the bot opened (issue or rollback pull request), found by label and marker. */
export interface DeployIncidentRef {
  incident: string;
  number: number;
  kind: "issue" | "pull-request";
  environment: string | null;
  detectedAt: string;
}

/**
 * Where the incident is written: its own issue, or (when it started right after a failed deploy
 * the bot already reported) one comment on that deploy incident's issue or pull request.
 */
export type IncidentHome = { kind: "issue" } | { kind: "deploy-comment"; deploy: DeployIncidentRef };

/**
 * Alerts that belong together: one or more alert groups of a repository, joined by group key or
 * by service within the correlation window. Held in memory while the process runs; its state is
 * also written, compactly, into the hidden marker of its GitHub document.
 */
export interface AlertIncident {
  id: string;
  repo: RepoRef;
  service: string | null;
  environment: string | null;
  /** fixed when opened, so the issue title does not churn */
  title: string;
  /** the earliest start among the alerts that opened it (source time: the same on every replay) */
  openedAt: string;
  resolvedAt: string | null;
  /** when it fired again after resolving (newest last, capped) */
  reopenedAt: string[];
  groups: Map<string, AlertGroupState>;
  alerts: Map<string, TrackedAlert>;
  home: IncidentHome;
  /** failed-deploy incidents of the same environment and time, linked as "Related" */
  related: DeployIncidentRef[];
  /** the one remediation pull request the incident may have (set by a later remediation step) */
  pullRequest: number | null;
  /** alerts left out of the persisted state to keep it under GitHub's size limit */
  droppedAlerts: number;
  /** generator URLs seen, first ones first (capped) */
  generatorURLs: string[];
  /** the last time a notification carried a firing alert of this incident: the service window's anchor */
  lastFiringAt: string;
}

/** What a notification did to its incident. Only the first four are worth a GitHub write. */
export type IncidentChange = "opened" | "updated" | "resolved" | "reopened" | "unchanged";

export const MAX_REOPENINGS = 20;
export const MAX_GENERATOR_URLS = 10;

export const isResolved = (incident: AlertIncident): boolean => incident.resolvedAt !== null;

export const firingCount = (incident: AlertIncident): number => {
  let n = 0;
  for (const alert of incident.alerts.values()) if (alert.status === "firing") n += 1;
  return n;
};

/** Times are compared as instants: sources print nanoseconds, offsets or `Z` for the same moment. */
export const toMs = (iso: string): number => Date.parse(iso);

export const toIso = (ms: number): string => new Date(ms).toISOString();
