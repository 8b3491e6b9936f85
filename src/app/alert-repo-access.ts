import type { Probot } from "probot";
import type { Octokit } from "../adapters/github/github-call.js";
import { octokitAlertIncidentHost } from "../adapters/github/octokit-alert-incident-host.js";
import type { BackgroundWork } from "../core/act/background-work.js";
import { isAgenticOpsError } from "../core/model/agenticops-error.js";
import { repoKey } from "../core/sense/alerts/incident-book.js";
import type { RepoAccess, ResolveRepoAccess } from "../ports/alert-incident-host.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { RepoRef } from "../schemas/signal.js";
import { dryRunAlertHost } from "./dry-run-alert-host.js";
import { loadRepoConfigFrom } from "./load-repo-config.js";
import { repoInstallationId } from "./repo-installation.js";

export interface RepoAccessOptions {
  clock: Clock;
  log: Logger;
  dryRun: boolean;
  /** how long an installation lookup and a repository's config are reused (a config change applies within it) */
  ttlMs: number;
  /** where background refreshes are tracked */
  background?: BackgroundWork;
}

/**
 * Repository → installation Octokit and config, the Probot way: the app's JWT client asks
 * `GET /repos/{owner}/{repo}/installation`, `app.auth(id)` gives the installation client (its
 * tokens renew themselves), and the config is read from the default branch. Cached per repository;
 * a failed first lookup is not cached, so the next notification tries again.
 */
export const probotRepoAccess = (app: Probot, options: RepoAccessOptions): ResolveRepoAccess => {
  const clients = new Map<number, Promise<Octokit>>();
  const cache = new Map<string, { at: number; access: Promise<RepoAccess | null> }>();

  const client = (installationId: number): Promise<Octokit> => {
    let known = clients.get(installationId);
    if (!known) {
      known = app.auth(installationId).catch((error: unknown) => {
        clients.delete(installationId);
        throw error;
      });
      clients.set(installationId, known);
    }
    return known;
  };

  const resolve = async (repo: RepoRef): Promise<RepoAccess | null> => {
    const installationId = await repoInstallationId(app, repo);
    if (installationId === null) return null;
    const octokit = await client(installationId);
    try {
      const config = await loadRepoConfigFrom(octokit, repo);
      if (!config) return null;
      const host = octokitAlertIncidentHost(octokit);
      return { installation: String(installationId), host: options.dryRun ? dryRunAlertHost(host, options.log) : host, config };
    } catch (error) {
      if (!isAgenticOpsError(error, "CONFIG_INVALID")) throw error;
      options.log.error({ repo: repoKey(repo), details: error.details }, "repository config invalid; its alerts are ignored until it is fixed");
      return null;
    }
  };

  const refresh = (key: string, repo: RepoRef, now: number): Promise<RepoAccess | null> => {
    const access = resolve(repo).catch((error: unknown) => {
      cache.delete(key);
      throw error;
    });
    cache.set(key, { at: now, access });
    return access;
  };

  // A known repository answers from memory at once; a stale entry is refreshed in the background
  // (a config change applies to the next notification after it), so only a repository's first
  // notification waits for GitHub.
  return (repo) => {
    const key = repoKey(repo);
    const now = options.clock.now().getTime();
    const cached = cache.get(key);
    if (!cached) return refresh(key, repo, now);
    if (now - cached.at >= options.ttlMs) {
      const previous = cached.access;
      cached.at = now;
      const refreshed = resolve(repo).then(
        (access) => void cache.set(key, { at: options.clock.now().getTime(), access: Promise.resolve(access) }),
        (error: unknown) => options.log.warn({ repo: key, err: error instanceof Error ? error.message : String(error) }, "repository access could not be refreshed; using the last one"),
      );
      options.background?.track(refreshed);
      return previous;
    }
    return cached.access;
  };
};
