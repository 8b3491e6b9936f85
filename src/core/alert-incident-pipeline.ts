import type { AlertDelivery, AlertSink } from "../ports/alert-sink.js";
import type { RepoAccess, ResolveRepoAccess } from "../ports/alert-incident-host.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { RemediationPlanner } from "../ports/remediation-planner.js";
import type { Timers } from "../ports/timers.js";
import type { RoutedAlertNotification } from "../schemas/alert.js";
import { applyAlertIncidentWrite } from "./act/apply-alert-incident-write.js";
import { BackgroundWork } from "./act/background-work.js";
import { desiredAlertDocument } from "./act/desired-alert-document.js";
import { emptyDocument, planAlertIncidentWrite, type WrittenDocument } from "./act/plan-alert-incident-write.js";
import type { WriteLimits } from "./act/write-budget.js";
import type { WriteLedger } from "./act/write-ledger.js";
import { WriteScheduler, type WriteSchedulerStats } from "./act/write-scheduler.js";
import type { WriteUrgency } from "./act/write-queue.js";
import type { AlertIncident, IncidentChange } from "./model/alert-incident.js";
import { correlateNotification, probeNewIncident, type Correlation } from "./sense/alerts/correlate-notification.js";
import { IncidentBook } from "./sense/alerts/incident-book.js";
import { linkRelatedDeploys } from "./sense/alerts/link-related-deploys.js";
import { matchDeployIncident } from "./sense/alerts/match-deploy-incident.js";
import { RepoIncidents } from "./sense/alerts/repo-incidents.js";

export interface AlertIncidentSettings {
  /** alerts of one service within this window join one open incident; also the flap and deploy windows */
  windowMs: number;
  /** an incident's document is written at most once per interval; changes in between coalesce */
  flushIntervalMs: number;
  limits: WriteLimits;
  /** how long a resolved incident stays in memory to absorb late and replayed posts */
  retentionMs: number;
  /** how old the list of failed-deploy incidents may be when a new incident is about to open */
  deployFreshnessMs: number;
  /**
   * When `accept` resolves: once the incident state is updated in memory and its write scheduled
   * (fast; the returned delivery says when the write is on GitHub), or once the write is on GitHub.
   */
  acknowledge: "scheduled" | "written";
}

export const DEFAULT_ALERT_INCIDENT_SETTINGS: Omit<AlertIncidentSettings, "limits"> = {
  windowMs: 10 * 60_000,
  flushIntervalMs: 10_000,
  retentionMs: 6 * 3_600_000,
  deployFreshnessMs: 15_000,
  acknowledge: "scheduled",
};

export interface AlertIncidentPorts {
  access: ResolveRepoAccess;
  clock: Clock;
  timers: Timers;
  ledger: WriteLedger;
  log: Logger;
  remediation?: RemediationPlanner;
  /** where work started but not awaited is tracked (shared with the repository access resolver) */
  background?: BackgroundWork;
}

interface IncidentRecord {
  written: WrittenDocument;
  access: RepoAccess;
}

const URGENCY: Record<Exclude<IncidentChange, "unchanged">, WriteUrgency> = { opened: "create", resolved: "state", reopened: "state", updated: "update" };

/**
 * Routed alert notifications → incidents → one GitHub document each, paced: the AlertSink the
 * intake delivers to. Per notification: 1. the repository's access and config; 2. its incidents
 * as GitHub holds them (read once per repository); 3. correlation; 4. related deploy incidents;
 * 5. the write scheduled; 6. the remediation hook.
 */
export class AlertIncidentPipeline implements AlertSink {
  readonly book = new IncidentBook();
  private readonly records = new Map<string, IncidentRecord>();
  private readonly repos: RepoIncidents;
  private readonly scheduler: WriteScheduler;
  private lastEviction = 0;
  private readonly background: BackgroundWork;

  constructor(
    private readonly ports: AlertIncidentPorts,
    private readonly settings: AlertIncidentSettings,
  ) {
    this.scheduler = new WriteScheduler((id) => this.writeStep(id), { ...ports, limits: settings.limits, flushIntervalMs: settings.flushIntervalMs });
    this.background = ports.background ?? new BackgroundWork();
    const repoOptions = { clock: ports.clock, log: ports.log, freshnessMs: settings.deployFreshnessMs, background: this.background };
    this.repos = new RepoIncidents(this.book, repoOptions, (id, written, access) => this.records.set(id, { written, access }));
  }

  /**
   * Updates the incidents in memory and schedules their writes. The delivery's `written` resolves
   * when every incident the notification touched is written as it stands now (at once when nothing
   * is pending), whatever other incidents still wait for budget.
   */
  async accept(n: RoutedAlertNotification): Promise<AlertDelivery> {
    const access = await this.ports.access(n.repo);
    if (!access) {
      this.ports.log.debug({ repo: `${n.repo.owner}/${n.repo.name}`, notification: n.id }, "repository not installed or not opted in; alerts ignored");
      return { written: Promise.resolve() };
    }
    await this.repos.load(n.repo, access);
    const ctx = { windowMs: this.settings.windowMs, catalog: access.config.services };
    const probe = probeNewIncident(this.book, n, ctx);
    const deploys = await this.repos.deploys(n.repo, access, probe !== null);
    const deploy = probe ? matchDeployIncident(deploys, probe, this.settings.windowMs) : null;
    if (deploy) await this.repos.restoreDeployComment(n.repo, access, deploy);
    const results = correlateNotification(this.book, n, { ...ctx, deploys });
    for (const result of results) this.apply(result, access, linkRelatedDeploys(result.incident, deploys, this.settings.windowMs));
    this.evict();
    const written = this.scheduler.written(results.map((r) => r.incident.id));
    // who ignores the delivery must not get an unhandled rejection; who awaits it still sees it
    written.catch(() => undefined);
    if (this.settings.acknowledge === "written") await written;
    return { written };
  }

  /** Resolves once every change accepted so far is written to GitHub (or given up after retries). */
  settled(): Promise<void> {
    return this.scheduler.settled();
  }

  /** Resolves when no write is in progress and no background refresh is running. */
  async idle(): Promise<void> {
    await this.background.idle();
    await this.scheduler.idle();
  }

  close(): Promise<void> {
    return this.scheduler.close();
  }

  stats(): WriteSchedulerStats & { incidents: number } {
    return { ...this.scheduler.stats(), incidents: this.book.size };
  }

  /** The issue number of an incident, once created. */
  issueOf(id: string): number | null {
    return this.records.get(id)?.written.issue?.number ?? null;
  }

  /**
   * Registers the remediation pull request of an incident; false when the incident is unknown or
   * already has one (an incident gets at most one pull request).
   */
  recordPullRequest(incidentId: string, pullRequest: number): boolean {
    const incident = this.book.get(incidentId);
    const record = this.records.get(incidentId);
    if (!incident || !record || (incident.pullRequest !== null && incident.pullRequest !== pullRequest)) return false;
    if (incident.pullRequest === pullRequest) return true;
    incident.pullRequest = pullRequest;
    this.scheduler.schedule(incident.id, record.access.installation, "update");
    return true;
  }

  private apply(result: Correlation, access: RepoAccess, linked: boolean): void {
    const { incident } = result;
    const change: IncidentChange = result.change === "unchanged" && linked ? "updated" : result.change;
    const record = this.records.get(incident.id) ?? { written: emptyDocument(), access };
    record.access = access;
    this.records.set(incident.id, record);
    if (change === "unchanged") {
      // its last write was given up: a notification touching it is the occasion to try again
      if (this.scheduler.hasGivenUp(incident.id)) this.scheduler.schedule(incident.id, access.installation, "update");
      return;
    }
    this.scheduler.schedule(incident.id, access.installation, URGENCY[change]);
    this.ports.log.info({ incident: incident.id, change, alerts: incident.alerts.size }, "alert incident changed");
    this.notifyPlanner(incident, record, change);
  }

  private notifyPlanner(incident: AlertIncident, record: IncidentRecord, change: Exclude<IncidentChange, "unchanged">): void {
    const planner = this.ports.remediation;
    if (!planner) return;
    const document = incident.home.kind === "issue" ? { kind: "issue" as const, number: record.written.issue?.number ?? null } : { kind: "deploy-comment" as const, on: incident.home.deploy.number };
    planner.incidentChanged({ incident, config: record.access.config, document }, change).catch((error: unknown) => {
      this.ports.log.error({ incident: incident.id, err: error instanceof Error ? error.message : String(error) }, "remediation planner failed; the incident stands");
    });
  }

  private async writeStep(id: string): Promise<"more" | "done"> {
    const incident = this.book.get(id);
    const record = this.records.get(id);
    if (!incident || !record) return "done";
    const desired = desiredAlertDocument(incident, record.access.config);
    const write = planAlertIncidentWrite(record.written, desired);
    if (!write) return "done";
    await applyAlertIncidentWrite(record.access.host, incident.repo, incident, write, record.written);
    this.ports.log.debug({ incident: id, write: write.kind }, "alert incident written");
    return planAlertIncidentWrite(record.written, desired) ? "more" : "done";
  }

  /** Resolved incidents past retention leave memory (once their writes are done), at most once a minute. */
  private evict(): void {
    const now = this.ports.clock.now().getTime();
    if (now - this.lastEviction < 60_000) return;
    this.lastEviction = now;
    for (const id of this.book.evictResolved(now - this.settings.retentionMs, (key) => this.scheduler.isPending(key))) this.records.delete(id);
  }
}
