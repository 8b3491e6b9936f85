import type { AlertIncident, IncidentChange } from "../core/model/alert-incident.js";
import type { RepoConfig } from "../schemas/repo-config.js";

/** An alert incident as a remediation planner sees it: read-only, with where it is written. */
export interface AlertIncidentView {
  readonly incident: Readonly<AlertIncident>;
  /** the repository's config (default branch): runbooks and policies come from here */
  readonly config: RepoConfig;
  /** the incident's issue (null until it is created), or the deploy incident it is a comment on */
  readonly document: { kind: "issue"; number: number | null } | { kind: "deploy-comment"; on: number };
}

/**
 * The hook where runbook-driven remediation plugs in. It is called after an incident opened,
 * gained or lost firing alerts, resolved or reopened (never for repeats), once the state is in
 * memory and its write is scheduled; never awaited by intake. A planner that opens a pull request
 * registers it with the sink's `recordPullRequest` (one per incident); when the incident then
 * resolves on its own, the sink notes it on the pull request.
 */
export interface RemediationPlanner {
  incidentChanged(view: AlertIncidentView, change: Exclude<IncidentChange, "unchanged">): Promise<void>;
}
