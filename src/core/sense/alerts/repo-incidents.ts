import type { RepoAccess } from "../../../ports/alert-incident-host.js";
import type { BackgroundWork } from "../../act/background-work.js";
import type { Clock } from "../../../ports/clock.js";
import type { Logger } from "../../../ports/logger.js";
import type { RepoRef } from "../../../schemas/signal.js";
import { commentNeedle } from "../../act/ensure-comment.js";
import { emptyDocument, type WrittenDocument } from "../../act/plan-alert-incident-write.js";
import { alertIncidentId } from "../../model/alert-incident-id.js";
import type { DeployIncidentRef } from "../../model/alert-incident.js";
import { readStateBlock } from "../../render/alert-incident-state-block.js";
import { repoKey, type IncidentBook } from "./incident-book.js";
import { readIncidentItems } from "./read-incident-items.js";
import { restoreAlertIncident } from "./restore-alert-incident.js";

/** Closed alert incident issues read at start, so replayed posts of resolved incidents stay where they were. */
const RECENTLY_CLOSED = 100;
/** Deploy incidents are re-listed in the background at most this often, for "Related" links. */
const BACKGROUND_REFRESH_MS = 60_000;

interface RepoMemory {
  ready: Promise<void>;
  deploys: DeployIncidentRef[];
  deploysAt: number;
  refreshing: Promise<void> | null;
  /** deploy incidents whose comments were searched for an attached alert incident */
  searched: Set<string>;
}

export type OnRestored = (id: string, written: WrittenDocument, access: RepoAccess) => void;

/**
 * What GitHub holds about a repository's incidents, read lazily: its alert incidents once per
 * process (then memory is authoritative), its open failed-deploy incidents when a new incident
 * could attach to one, and a deploy incident's alert comment when alerts are about to join it.
 */
export class RepoIncidents {
  private readonly repos = new Map<string, RepoMemory>();

  constructor(
    private readonly book: IncidentBook,
    private readonly options: { clock: Clock; log: Logger; freshnessMs: number; background: BackgroundWork },
    private readonly restored: OnRestored,
  ) {}

  /** Restores the repository's alert incidents from its open and recently closed labelled issues (once). */
  load(repo: RepoRef, access: RepoAccess): Promise<void> {
    const key = repoKey(repo);
    const known = this.repos.get(key);
    if (known) return known.ready;
    const memory: RepoMemory = { ready: Promise.resolve(), deploys: [], deploysAt: 0, refreshing: null, searched: new Set() };
    memory.ready = this.read(repo, access, memory).catch((error: unknown) => {
      // not loaded: the next notification tries again (intake retries this one)
      this.repos.delete(key);
      throw error;
    });
    this.repos.set(key, memory);
    return memory.ready;
  }

  /** The open failed-deploy incidents; re-listed first when `fresh` is needed and the list is stale. */
  async deploys(repo: RepoRef, access: RepoAccess, fresh: boolean): Promise<DeployIncidentRef[]> {
    const memory = this.repos.get(repoKey(repo));
    if (!memory) return [];
    const age = this.options.clock.now().getTime() - memory.deploysAt;
    if (fresh && age > this.options.freshnessMs) await this.refresh(repo, access, memory);
    else if (age > BACKGROUND_REFRESH_MS) {
      this.options.background.track(this.refresh(repo, access, memory).catch((error: unknown) => this.options.log.warn({ err: String(error) }, "deploy incidents could not be listed; links wait for the next try")));
    }
    return memory.deploys;
  }

  /** Brings back the alert incident attached to `deploy` (its comment's state block), if there is one. */
  async restoreDeployComment(repo: RepoRef, access: RepoAccess, deploy: DeployIncidentRef): Promise<void> {
    const memory = this.repos.get(repoKey(repo));
    if (!memory || memory.searched.has(deploy.incident) || this.book.forDeploy(repo, deploy.incident)) return;
    const id = alertIncidentId(repo, { deployIncident: deploy.incident });
    const comment = await access.host.findBotComment(repo, { kind: "issue", number: deploy.number }, commentNeedle({ incident: id, kind: "alert-incident" }));
    memory.searched.add(deploy.incident);
    const state = comment ? readStateBlock(comment.body) : null;
    if (!comment || !state) return;
    const incident = restoreAlertIncident(id, repo, state);
    this.book.add(incident);
    this.restored(id, { ...emptyDocument(), comment: { on: deploy.number, id: comment.id, body: comment.body } }, access);
  }

  private async read(repo: RepoRef, access: RepoAccess, memory: RepoMemory): Promise<void> {
    const label = access.config.labels[0] ?? "agenticops";
    const [open, closed] = await Promise.all([access.host.listLabelled(repo, label, { state: "open" }), access.host.listLabelled(repo, label, { state: "closed", limit: RECENTLY_CLOSED })]);
    const items = readIncidentItems(repo, [...open, ...closed]);
    for (const { incident, item } of items.alertIncidents) {
      this.book.add(incident);
      this.restored(incident.id, { ...emptyDocument(), issue: { number: item.number, url: item.url, title: item.title, body: item.body, state: item.state, labels: item.labels } }, access);
    }
    if (items.unreadable.length > 0) this.options.log.warn({ issues: items.unreadable }, "alert incident issues without a readable state block; left alone");
    memory.deploys = items.deploys;
    memory.deploysAt = this.options.clock.now().getTime();
    this.options.log.info({ repo: repoKey(repo), restored: items.alertIncidents.length, deploys: items.deploys.length }, "incidents read from GitHub");
  }

  private refresh(repo: RepoRef, access: RepoAccess, memory: RepoMemory): Promise<void> {
    memory.refreshing ??= access.host
      .listLabelled(repo, access.config.labels[0] ?? "agenticops", { state: "open" })
      .then((open) => {
        memory.deploys = readIncidentItems(repo, open).deploys;
        memory.deploysAt = this.options.clock.now().getTime();
      })
      .finally(() => {
        memory.refreshing = null;
      });
    return memory.refreshing;
  }
}
