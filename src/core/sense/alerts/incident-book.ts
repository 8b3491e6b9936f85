import type { RepoRef } from "../../../schemas/signal.js";
import { toMs, type AlertIncident } from "../../model/alert-incident.js";

/** GitHub treats owner/name case-insensitively, so the book does too. */
export const repoKey = (repo: RepoRef): string => `${repo.owner}/${repo.name}`.toLowerCase();

const add = (index: Map<string, Set<string>>, key: string, id: string): void => {
  const ids = index.get(key);
  if (ids) ids.add(id);
  else index.set(key, new Set([id]));
};

const drop = (index: Map<string, Set<string>>, key: string, id: string): void => {
  const ids = index.get(key);
  ids?.delete(id);
  if (ids?.size === 0) index.delete(key);
};

/**
 * The alert incidents this process knows, open and recently resolved, indexed by what
 * correlation looks them up by: alert group, service and the deploy incident they joined.
 * Deterministic and free of I/O; the caller owns it (one per sink).
 */
export class IncidentBook {
  private readonly incidents = new Map<string, AlertIncident>();
  private readonly byGroup = new Map<string, Set<string>>();
  private readonly byService = new Map<string, Set<string>>();
  private readonly byDeploy = new Map<string, string>();

  get(id: string): AlertIncident | undefined {
    return this.incidents.get(id);
  }

  get size(): number {
    return this.incidents.size;
  }

  all(): IterableIterator<AlertIncident> {
    return this.incidents.values();
  }

  add(incident: AlertIncident): void {
    this.incidents.set(incident.id, incident);
    for (const groupKey of incident.groups.keys()) add(this.byGroup, `${repoKey(incident.repo)}|${groupKey}`, incident.id);
    if (incident.service) add(this.byService, `${repoKey(incident.repo)}|${incident.service}`, incident.id);
    if (incident.home.kind === "deploy-comment") this.byDeploy.set(`${repoKey(incident.repo)}|${incident.home.deploy.incident}`, incident.id);
  }

  /** Call after a group joined the incident, so the group finds it next time. */
  indexGroup(incident: AlertIncident, groupKey: string): void {
    add(this.byGroup, `${repoKey(incident.repo)}|${groupKey}`, incident.id);
  }

  withGroup(repo: RepoRef, groupKey: string): AlertIncident[] {
    return this.lookUp(this.byGroup.get(`${repoKey(repo)}|${groupKey}`));
  }

  withService(repo: RepoRef, service: string): AlertIncident[] {
    return this.lookUp(this.byService.get(`${repoKey(repo)}|${service}`));
  }

  forDeploy(repo: RepoRef, deployIncident: string): AlertIncident | undefined {
    const id = this.byDeploy.get(`${repoKey(repo)}|${deployIncident}`);
    return id === undefined ? undefined : this.incidents.get(id);
  }

  /**
   * Forgets incidents resolved before `before` (epoch ms) unless `keep` says otherwise (a write
   * still pending). Returns the ids forgotten.
   */
  evictResolved(before: number, keep: (id: string) => boolean): string[] {
    const evicted: string[] = [];
    for (const incident of this.incidents.values()) {
      if (incident.resolvedAt === null || toMs(incident.resolvedAt) >= before || keep(incident.id)) continue;
      this.remove(incident);
      evicted.push(incident.id);
    }
    return evicted;
  }

  private remove(incident: AlertIncident): void {
    const key = repoKey(incident.repo);
    this.incidents.delete(incident.id);
    for (const groupKey of incident.groups.keys()) drop(this.byGroup, `${key}|${groupKey}`, incident.id);
    if (incident.service) drop(this.byService, `${key}|${incident.service}`, incident.id);
    if (incident.home.kind === "deploy-comment") this.byDeploy.delete(`${key}|${incident.home.deploy.incident}`);
  }

  private lookUp(ids: Set<string> | undefined): AlertIncident[] {
    if (!ids) return [];
    return [...ids].map((id) => this.incidents.get(id)).filter((i): i is AlertIncident => i !== undefined);
  }
}
