/**
 * `npm run bench:alerts`: an alert storm (default 10,000 alerts in 200 Alertmanager v4 posts,
 * 40 services, with HA duplicates, repeats, truncated posts, flaps and resolutions), each post
 * parsed, normalised and routed by the intake's own functions, then delivered to the alert incident
 * sink of the app running against the sandbox. Prints the sink's accept
 * latency, incidents created against the generator's exact expectation, duplicates, GitHub writes
 * against the per-minute and per-hour limits, the time until every write was flushed, peak RSS.
 * Exits non-zero when an expectation fails.
 *
 *   --posts N  --alerts N  --services N  --seed N   the storm (defaults 200, 10000, 40, 7)
 *   --json     one JSON object instead of the text
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { ALERT_WRITE_LIMITS, GITHUB_CONTENT_LIMITS } from "../../src/core/act/write-budget.js";
import { AlertBenchWorld } from "./alert-bench-world.js";
import { generateStorm, type Storm } from "./alert-storm.js";
import { alertNotificationId } from "../../src/core/sense/alerts/alert-identity.js";
import { compileAlertRouter, type AlertRouter } from "../../src/core/sense/alerts/alert-router.js";
import { parseAlertPost } from "../../src/core/sense/alerts/parse-alert-post.js";
import { splitByDestination } from "../../src/core/sense/alerts/split-by-destination.js";
import { AlertRoutes } from "../../src/schemas/alert-routes.js";
import type { RoutedAlertNotification } from "../../src/schemas/alert.js";
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
const routerFor = (storm: Storm): AlertRouter => {
  const byRoute = new Map<string, { repository: string; services: string[] }>();
  for (const s of storm.services) {
    const entry = byRoute.get(s.route) ?? { repository: `${s.repo.owner}/${s.repo.name}`, services: [] };
    entry.services.push(s.name);
    byRoute.set(s.route, entry);
  }
  const routes = [...byRoute].map(([name, r]) => ({ name, match: { service: { regex: r.services.join("|") } }, repository: r.repository }));
  return compileAlertRouter(AlertRoutes.parse({ routes }));
};

/** The post as the intake turns it into routed notifications: parsed, validated, normalised, split by destination. */
const intake = (body: string, receivedAt: string, router: AlertRouter): RoutedAlertNotification[] => {
  const parsed = parseAlertPost("alertmanager", body, { id: alertNotificationId("alertmanager", body), receivedAt });
  if (!parsed.ok) throw new Error(`the storm generated an invalid Alertmanager post: ${parsed.message}`);
  return splitByDestination(parsed.notification, router).routed;
};

/** Delivers every post at its time; returns the sink's accept latencies (ms) and which were a repository's first. */
const play = async (world: AlertBenchWorld, storm: Storm): Promise<{ latencies: number[]; firsts: number[] }> => {
  const latencies: number[] = [];
  const firsts: number[] = [];
  const seen = new Set<string>();
  const router = routerFor(storm);
  for (const post of storm.posts) {
    await world.until(post.at);
    const notifications = intake(JSON.stringify(post.payload), new Date(post.at).toISOString(), router);
    const started = performance.now();
    for (const notification of notifications) await world.sink.accept(notification);
    const took = performance.now() - started;
    latencies.push(took);
    const repo = `${post.service.repo.owner}/${post.service.repo.name}`;
    if (!seen.has(repo)) firsts.push(took);
    seen.add(repo);
  }
  return { latencies, firsts };
};

const main = async (): Promise<number> => {
  const opts = options();
  const storm = generateStorm(opts.storm);
  const startedReal = performance.now();
  const world = await AlertBenchWorld.start(storm.services, storm.start);
  process.once("SIGINT", () => void world.close().finally(() => process.exit(130)));
  let report: AlertBenchReport;
  try {
    const baselineRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const { latencies, firsts } = await play(world, storm);
    const lastPost = storm.posts.at(-1)!.at;
    const drainStarted = performance.now();
    await world.drain();
    const drainRealSeconds = (performance.now() - drainStarted) / 1000;
    const allWrites = [...world.ledger.all.values()].flat();
    const lastWrite = Math.max(lastPost, ...allWrites);
    const incidents = observeIncidents(world.repos);
    const peaks = peakWrites(world.ledger.all.values());
    const sandboxWrites = world.sandbox.log.apiCalls.filter((c) => c.method !== "GET" && !c.route.endsWith("/access_tokens")).length;
    report = {
      storm: { posts: storm.posts.length, alerts: storm.totals.alerts, services: storm.services.length, repos: world.repos.length, installations: world.ledger.all.size, groups: storm.groups, haDuplicates: storm.totals.haDuplicates, repeats: storm.totals.repeats, truncatedPosts: storm.totals.truncatedPosts, flaps: storm.totals.flaps, spanMinutes: (lastPost - storm.start) / 60_000 },
      accept: { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), maxMs: Math.max(...latencies), firstPerRepoMedianMs: percentile(firsts, 50) },
      incidents: { expected: storm.expectedIncidents, ...incidents },
      writes: { total: allWrites.length, seenBySandbox: sandboxWrites, ...peaks, limits: ALERT_WRITE_LIMITS, githubLimits: GITHUB_CONTENT_LIMITS },
      flush: { afterLastPostSeconds: (lastWrite - lastPost) / 1000, sinceFirstPostMinutes: (lastWrite - storm.start) / 60_000, drainRealSeconds, realSeconds: (performance.now() - startedReal) / 1000 },
      // resourceUsage().maxRSS is in kilobytes, the process's peak so far
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      baselineRssMb,
      ok: false,
    };
  } finally {
    await world.close();
  }
  const i = report.incidents;
  const w = report.writes;
  report.ok = i.created === i.expected && i.duplicateIssues === 0 && i.duplicatePullRequests === 0 && i.stillOpen === 0 && w.perMinuteMax <= w.githubLimits.perMinute && w.perHourMax <= w.githubLimits.perHour && w.total === w.seenBySandbox;
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
