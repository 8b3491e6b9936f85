/** What `bench:alerts` measured, and its human-readable form. */
import { peakInWindow } from "../../src/core/act/write-budget.js";
import { readMarker } from "../../src/core/render/hidden-marker.js";
import type { RepoState } from "../../src/sandbox/state/sandbox-state.js";

export interface AlertBenchReport {
  storm: { posts: number; alerts: number; services: number; repos: number; installations: number; groups: number; haDuplicates: number; repeats: number; truncatedPosts: number; flaps: number; spanMinutes: number };
  /** POST → 202 at the intake (journaled on disk, before the sink is called) */
  ack: { p50Ms: number; p99Ms: number; maxMs: number };
  /** the sink's `accept`, called by the intake after its answer (one per routed notification) */
  accept: { p50Ms: number; p99Ms: number; maxMs: number; count: number };
  incidents: { expected: number; created: number; duplicateIssues: number; pullRequests: number; duplicatePullRequests: number; stillOpen: number };
  writes: { total: number; seenBySandbox: number; perMinuteMax: number; perHourMax: number; limits: { perMinute: number; perHour: number }; githubLimits: { perMinute: number; perHour: number } };
  /** the intake's journal: records are done once their write is on GitHub */
  journal: { journaled: number; maxPending: number; pendingAfterDrain: number };
  flush: { afterLastPostSeconds: number; sinceFirstPostMinutes: number; drainRealSeconds: number; realSeconds: number };
  peakRssMb: number;
  /** peak RSS before the first post: the sandbox (GitHub's OpenAPI description, validators) and Probot */
  baselineRssMb: number;
  /** live heap after the storm minus before it (after full collections): incidents in memory, and the sandbox's new issues */
  heapGrowthMb: number | null;
  ok: boolean;
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
};

/** Alert incidents as the sandbox holds them: one per marker, issues and deploy comments alike. */
export const observeIncidents = (repos: RepoState[]) => {
  const documents = new Map<string, number>();
  let stillOpen = 0;
  let pullRequests = 0;
  const heads = new Map<string, number>();
  for (const repo of repos) {
    for (const issue of repo.issues) {
      if (issue.pull) {
        pullRequests += 1;
        heads.set(`${repo.repo.owner}/${repo.repo.name}:${issue.pull.head}`, (heads.get(`${repo.repo.owner}/${repo.repo.name}:${issue.pull.head}`) ?? 0) + 1);
        continue;
      }
      const marker = readMarker(issue.body);
      if (marker?.kind !== "alert-incident") continue;
      documents.set(marker.incident, (documents.get(marker.incident) ?? 0) + 1);
      if (issue.state === "open") stillOpen += 1;
    }
    for (const comment of repo.comments) {
      const marker = readMarker(comment.body);
      if (marker?.kind === "alert-incident") documents.set(marker.incident, (documents.get(marker.incident) ?? 0) + 1);
    }
  }
  const duplicates = (counts: Map<string, number>) => [...counts.values()].reduce((n, c) => n + c - 1, 0);
  return { created: documents.size, duplicateIssues: duplicates(documents), pullRequests, duplicatePullRequests: duplicates(heads), stillOpen };
};

/** The busiest sliding minute and hour of any installation. */
export const peakWrites = (times: Iterable<number[]>): { perMinuteMax: number; perHourMax: number } => {
  let perMinuteMax = 0;
  let perHourMax = 0;
  for (const list of times) {
    const sorted = [...list].sort((a, b) => a - b);
    perMinuteMax = Math.max(perMinuteMax, peakInWindow(sorted, 60_000));
    perHourMax = Math.max(perHourMax, peakInWindow(sorted, 3_600_000));
  }
  return { perMinuteMax, perHourMax };
};

const mark = (ok: boolean): string => (ok ? "✓" : "✗");

export const formatAlertReport = (r: AlertBenchReport): string => {
  const s = r.storm;
  const i = r.incidents;
  const w = r.writes;
  return [
    "AgenticOps alert storm benchmark: Alertmanager posts → HTTP intake → incidents → GitHub issues, in the sandbox",
    `storm       ${s.posts} posts · ${s.alerts.toLocaleString("en")} alerts · ${s.services} services in ${s.repos} repositories (${s.installations} installations) · ${s.groups} alert groups`,
    `            ${s.haDuplicates} HA duplicates · ${s.repeats} repeats · ${s.truncatedPosts} truncated posts · ${s.flaps} flaps · over ${s.spanMinutes.toFixed(1)} min of alert time`,
    `clock       virtual for the app (the storm and its paced writes span ${r.flush.sinceFirstPostMinutes.toFixed(1)} min); every POST and GitHub call is real`,
    "",
    `ack         p50 ${r.ack.p50Ms.toFixed(1)} ms · p99 ${r.ack.p99Ms.toFixed(1)} ms · max ${r.ack.maxMs.toFixed(1)} ms, POST /alerts/alertmanager → 202 (target p99 < 100 ms ${mark(r.ack.p99Ms < 100)})`,
    `accept      p50 ${r.accept.p50Ms.toFixed(1)} ms · p99 ${r.accept.p99Ms.toFixed(1)} ms · max ${r.accept.maxMs.toFixed(1)} ms over ${r.accept.count} calls: the sink, after the answer (a repository's first costs its installation, config and incident list)`,
    `incidents   created ${i.created} of ${i.expected} expected ${mark(i.created === i.expected)} · duplicate issues ${i.duplicateIssues} ${mark(i.duplicateIssues === 0)} · still open ${i.stillOpen} (all resolved by the end)`,
    `PRs         ${i.pullRequests} opened · duplicate PRs ${i.duplicatePullRequests} ${mark(i.duplicatePullRequests === 0)} (runbook remediation is off here: this measures intake, incidents and pacing; the drills cover remediation)`,
    `writes      ${w.total} (sandbox saw ${w.seenBySandbox}) · max ${w.perMinuteMax}/min ${mark(w.perMinuteMax <= w.githubLimits.perMinute)} · max ${w.perHourMax}/hour ${mark(w.perHourMax <= w.githubLimits.perHour)} per installation`,
    `            GitHub allows ${w.githubLimits.perMinute}/min and ${w.githubLimits.perHour}/hour; alert incidents budget ${w.limits.perMinute}/min and ${w.limits.perHour}/hour`,
    `journal     ${r.journal.journaled} notifications journaled · at most ${r.journal.maxPending} waiting for their write when a post arrived · ${r.journal.pendingAfterDrain} left after the drain ${mark(r.journal.pendingAfterDrain === 0)}`,
    `flushed     ${r.flush.afterLastPostSeconds.toFixed(0)} s of virtual time after the last post (writes take no virtual time) · ${r.flush.drainRealSeconds.toFixed(1)} s real · whole run ${r.flush.realSeconds.toFixed(1)} s real`,
    `memory      peak RSS ${r.peakRssMb} MB (target < 300 MB ${mark(r.peakRssMb < 300)}) · ${r.baselineRssMb} MB of it before the first post: the sandbox runs in the same process, with GitHub's OpenAPI validators`,
    ...(r.heapGrowthMb === null ? [] : [`            live heap after the storm ${r.heapGrowthMb >= 0 ? "+" : ""}${r.heapGrowthMb} MB (the incidents in memory and the sandbox's issues, after a full collection)`]),
    "",
    r.ok ? "ok" : "NOT OK: see ✗ above",
    "",
  ].join("\n");
};
