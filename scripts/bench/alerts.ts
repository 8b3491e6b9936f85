/**
 * `npm run bench:alerts`: an alert storm (default 10,000 alerts in 200 Alertmanager v4 posts,
 * 40 services, with HA duplicates, repeats, truncated posts, flaps and resolutions) POSTed to the
 * app's alert intake (`/alerts/alertmanager`), which journals, routes and hands them to the alert
 * incident sink, all against the sandbox. Prints the acknowledgement latency of the POSTs and the
 * sink's accept latency, incidents created against the generator's exact expectation, duplicates,
 * GitHub writes against the per-minute and per-hour limits, the time until every write was
 * flushed, and peak RSS. Exits non-zero when an expectation fails.
 *
 *   --posts N  --alerts N  --services N  --seed N   the storm (defaults 200, 10000, 40, 7)
 *   --json     one JSON object instead of the text
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { ALERT_WRITE_LIMITS, GITHUB_CONTENT_LIMITS } from "../../src/core/act/write-budget.js";
import { AlertBenchWorld, BENCH_TOKEN } from "./alert-bench-world.js";
import { generateStorm, type Storm } from "./alert-storm.js";
import { AlertRoutes } from "../../src/schemas/alert-routes.js";
import { formatAlertReport, observeIncidents, peakWrites, percentile, type AlertBenchReport } from "./alerts-report.js";

const positiveInt = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a positive integer, got "${value}"`);
  return n;
};

const options = () => {
  const { values } = parseArgs({ options: { posts: { type: "string" }, alerts: { type: "string" }, services: { type: "string" }, seed: { type: "string" }, json: { type: "boolean", default: false } } });
  return {
    storm: { posts: positiveInt("posts", values.posts, 200), alerts: positiveInt("alerts", values.alerts, 10_000), services: positiveInt("services", values.services, 40), seed: positiveInt("seed", values.seed, 7) },
    json: values.json ?? false,
  };
};

/** One route per repository, matching its services by their `service` label, as an operator would write them. */
const routesFor = (storm: Storm): AlertRoutes => {
  const byRoute = new Map<string, { repository: string; services: string[] }>();
  for (const s of storm.services) {
    const entry = byRoute.get(s.route) ?? { repository: `${s.repo.owner}/${s.repo.name}`, services: [] };
    entry.services.push(s.name);
    byRoute.set(s.route, entry);
  }
  return AlertRoutes.parse({ routes: [...byRoute].map(([name, r]) => ({ name, match: { service: { regex: r.services.join("|") } }, repository: r.repository })) });
};

/**
 * POSTs every post at its (virtual) time as Alertmanager would; returns the acknowledgement
 * latencies (ms) and the most journal records still waiting for their write when a post arrived.
 */
const play = async (world: AlertBenchWorld, storm: Storm): Promise<{ acks: number[]; maxPending: number }> => {
  const acks: number[] = [];
  let maxPending = 0;
  for (const post of storm.posts) {
    maxPending = Math.max(maxPending, world.journal().pending);
    await world.until(post.at);
    const body = JSON.stringify(post.payload);
    const started = performance.now();
    const res = await fetch(`${world.origin}/alerts/alertmanager`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${BENCH_TOKEN}` }, body });
    const answer = await res.text();
    acks.push(performance.now() - started);
    if (res.status !== 202) throw new Error(`intake answered ${res.status} to a post of ${post.service.name}: ${answer}`);
  }
  return { acks, maxPending };
};

/** Heap in use after a full collection (when the bench runs with --expose-gc), in MB. */
const liveHeapMb = (): number | null => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
};

const main = async (): Promise<number> => {
  const opts = options();
  const storm = generateStorm(opts.storm);
  const startedReal = performance.now();
  const world = await AlertBenchWorld.start(storm.services, storm.start, routesFor(storm));
  process.once("SIGINT", () => void world.close().finally(() => process.exit(130)));
  let report: AlertBenchReport;
  try {
    const baselineRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const heapBefore = liveHeapMb();
    const { acks, maxPending } = await play(world, storm);
    const lastPost = storm.posts.at(-1)!.at;
    const drainStarted = performance.now();
    await world.drain();
    const drainRealSeconds = (performance.now() - drainStarted) / 1000;
    const heapAfter = liveHeapMb();
    const allWrites = [...world.ledger.all.values()].flat();
    const lastWrite = Math.max(lastPost, ...allWrites);
    const incidents = observeIncidents(world.repos);
    const peaks = peakWrites(world.ledger.all.values());
    const sandboxWrites = world.sandbox.log.apiCalls.filter((c) => c.method !== "GET" && !c.route.endsWith("/access_tokens")).length;
    report = {
      storm: { posts: storm.posts.length, alerts: storm.totals.alerts, services: storm.services.length, repos: world.repos.length, installations: world.ledger.all.size, groups: storm.groups, haDuplicates: storm.totals.haDuplicates, repeats: storm.totals.repeats, truncatedPosts: storm.totals.truncatedPosts, flaps: storm.totals.flaps, spanMinutes: (lastPost - storm.start) / 60_000 },
      ack: { p50Ms: percentile(acks, 50), p99Ms: percentile(acks, 99), maxMs: Math.max(...acks) },
      accept: { p50Ms: percentile(world.acceptMs, 50), p99Ms: percentile(world.acceptMs, 99), maxMs: Math.max(...world.acceptMs), count: world.acceptMs.length },
      incidents: { expected: storm.expectedIncidents, ...incidents },
      writes: { total: allWrites.length, seenBySandbox: sandboxWrites, ...peaks, limits: ALERT_WRITE_LIMITS, githubLimits: GITHUB_CONTENT_LIMITS },
      journal: { journaled: world.journal().journaled, maxPending, pendingAfterDrain: world.journal().pending },
      flush: { afterLastPostSeconds: (lastWrite - lastPost) / 1000, sinceFirstPostMinutes: (lastWrite - storm.start) / 60_000, drainRealSeconds, realSeconds: (performance.now() - startedReal) / 1000 },
      // resourceUsage().maxRSS is in kilobytes, the process's peak so far
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      baselineRssMb,
      heapGrowthMb: heapBefore === null || heapAfter === null ? null : heapAfter - heapBefore,
      ok: false,
    };
  } finally {
    await world.close();
  }
  const i = report.incidents;
  const w = report.writes;
  report.ok = report.ack.p99Ms < 100 && i.created === i.expected && i.duplicateIssues === 0 && i.duplicatePullRequests === 0 && i.stillOpen === 0 && w.perMinuteMax <= w.githubLimits.perMinute && w.perHourMax <= w.githubLimits.perHour && w.total === w.seenBySandbox && report.journal.pendingAfterDrain === 0;
  process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : formatAlertReport(report));
  return report.ok ? 0 : 1;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:alerts failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
