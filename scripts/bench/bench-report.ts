/** Turns measured incidents into the benchmark's report: statistics, counts and where time went. */
import type { Incident, RollbackPath } from "./bench-world.js";
import type { WorkspaceStep } from "./timed-workspace.js";

export interface Summary {
  median: number;
  p90: number;
  min: number;
  max: number;
  mean: number;
}

export interface RouteTiming {
  call: string;
  status: number;
  /** median over the measured incidents, server side */
  medianMs: number;
}

export interface PathReport {
  path: RollbackPath;
  runs: number;
  latencyMs: Summary & { samples: number[]; targetMedian: number; meetsTarget: boolean };
  apiCalls: { perIncident: number; min: number; max: number; target: number | null; meetsTarget: boolean | null; routes: RouteTiming[] };
  gitRequests: { perIncident: number; min: number; max: number; requests: RouteTiming[] };
  /** medians per incident: summed server-side time of API calls and git requests; the rest is the app and its git client */
  breakdownMs: { apiServer: number; gitServer: number; appAndClients: number; prepareOffClock: number };
  /** medians of the app's git workspace steps (revert path only; included in appAndClients) */
  workspaceMs: Partial<Record<WorkspaceStep, number>>;
  pullRequest: { title: string; head: string; files: string[]; labels: string[]; reviewers: string[] } | null;
  failures: string[];
}

export const LATENCY_TARGET_MS = 1500;
const STEPS: WorkspaceStep[] = ["clone", "revert", "commit", "push", "cleanup"];
// 15 to open the pull request, plus the agenticops/policy check run on the bot's commit
const API_TARGETS: Record<RollbackPath, number | null> = { "image-pin": 16, revert: null };

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Nearest-rank percentiles over the samples (7 samples: p90 is the 7th, the median the 4th). */
export const summarize = (values: number[]): Summary => {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number): number => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { median: rank(50), p90: rank(90), min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN, mean: round(mean) };
};

const median = (values: number[]): number => round(summarize(values).median);
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** Call i of every incident, timed by its median: incidents make the same calls in the same order. */
const timings = <T>(lists: T[][], label: (item: T) => string, status: (item: T) => number, ms: (item: T) => number): RouteTiming[] => {
  const longest = lists.reduce((a, b) => (b.length > a.length ? b : a), [] as T[]);
  return longest.map((item, i) => ({
    call: label(item),
    status: status(item),
    medianMs: median(lists.map((l) => l[i]).filter((x): x is T => x !== undefined && label(x) === label(item)).map(ms)),
  }));
};

/** Warm-up incidents are not in the statistics, but one that fails still fails the benchmark. */
export const pathReport = (path: RollbackPath, incidents: Incident[], warmup: Incident[] = []): PathReport => {
  const ok = incidents.filter((i) => i.problem === null);
  const latency = summarize(incidents.map((i) => i.durationMs));
  const apiCounts = incidents.map((i) => i.apiCalls.length);
  const gitCounts = incidents.map((i) => i.gitRequests.length);
  const target = API_TARGETS[path];
  const pr = ok.at(-1)?.pullRequest ?? null;
  return {
    path,
    runs: incidents.length,
    latencyMs: { ...latency, samples: incidents.map((i) => i.durationMs), targetMedian: LATENCY_TARGET_MS, meetsTarget: latency.median < LATENCY_TARGET_MS },
    apiCalls: {
      perIncident: summarize(apiCounts).median,
      min: Math.min(...apiCounts),
      max: Math.max(...apiCounts),
      target,
      meetsTarget: target === null ? null : Math.max(...apiCounts) <= target,
      routes: timings(incidents.map((i) => i.apiCalls), (c) => `${c.method} ${c.route}`, (c) => c.status, (c) => c.durationMs),
    },
    gitRequests: {
      perIncident: summarize(gitCounts).median,
      min: Math.min(...gitCounts),
      max: Math.max(...gitCounts),
      requests: timings(incidents.map((i) => i.gitRequests), (g) => `${g.method} ${g.what}`, (g) => g.status, (g) => g.durationMs),
    },
    breakdownMs: {
      apiServer: median(incidents.map((i) => sum(i.apiCalls.map((c) => c.durationMs)))),
      gitServer: median(incidents.map((i) => sum(i.gitRequests.map((g) => g.durationMs)))),
      appAndClients: median(incidents.map((i) => i.durationMs - sum(i.apiCalls.map((c) => c.durationMs)) - sum(i.gitRequests.map((g) => g.durationMs)))),
      prepareOffClock: median(incidents.map((i) => i.prepareMs)),
    },
    workspaceMs: Object.fromEntries(
      STEPS.filter((step) => incidents.some((i) => i.workspace[step] !== undefined)).map((step) => [step, median(incidents.map((i) => i.workspace[step] ?? 0))]),
    ),
    pullRequest: pr && { title: pr.title, head: pr.head, files: pr.files.map((f) => f.filename), labels: pr.labels, reviewers: pr.requestedReviewers },
    failures: [
      ...warmup.flatMap((i, n) => (i.problem === null ? [] : [`warm-up ${n + 1}: ${i.problem}`])),
      ...incidents.flatMap((i, n) => (i.problem === null ? [] : [`run ${n + 1}: ${i.problem}`])),
    ],
  };
};
