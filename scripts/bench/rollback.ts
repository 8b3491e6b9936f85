/**
 * `npm run bench:rollback`: how long the bot takes from a failed deploy's webhook to the rollback
 * pull request, and how many GitHub API calls and git requests that costs, on a large repository
 * in the sandbox (no LLM). Prints measurements; exits non-zero only when an incident did not end
 * with the expected pull request.
 *
 *   --runs N     measured incidents per path after one warm-up (default 7)
 *   --commits N  commits in the generated repository (default 2000)
 *   --files N    files in the generated repository (default 5000)
 *   --workspace-dir DIR  where the revert path clones (default: the OS temp dir, as the app)
 *   --json       one JSON object instead of the table
 */
import { execFileSync } from "node:child_process";
import { arch, cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { buildLargeRepo, cacheRoot, type LargeRepo } from "./build-large-repo.js";
import { formatReport, type BenchReport, type Machine } from "./bench-format.js";
import { pathReport } from "./bench-report.js";
import { BenchWorld, type Incident, type RollbackPath } from "./bench-world.js";

const WARMUP = 1;
const PATHS: RollbackPath[] = ["image-pin", "revert"];

const positiveInt = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a positive integer, got "${value}"`);
  return n;
};

interface Options {
  runs: number;
  commits: number;
  files: number;
  json: boolean;
  workspaceDir: string | undefined;
}

const options = (): Options => {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      commits: { type: "string" },
      files: { type: "string" },
      "workspace-dir": { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  return {
    runs: positiveInt("runs", values.runs, 7),
    commits: positiveInt("commits", values.commits, 2000),
    files: positiveInt("files", values.files, 5000),
    json: values.json ?? false,
    workspaceDir: values["workspace-dir"],
  };
};

const load1m = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;

const machine = (loadBefore: number): Machine => ({
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model.trim() ?? "unknown",
  platform: `${platform()} ${release()} ${arch()}`,
  totalMemoryMb: Math.round(totalmem() / 2 ** 20),
  git: execFileSync("git", ["--version"], { encoding: "utf8" }).trim().replace(/^git version /, ""),
  loadAverage: { before: loadBefore, after: load1m() },
});

const progress = (json: boolean, text: string): void => {
  // Progress goes to stderr in both modes, so `--json` output stays one parseable object.
  if (!json || process.stderr.isTTY) process.stderr.write(text);
};

const measure = async (world: BenchWorld, repo: LargeRepo, path: RollbackPath, runs: number, json: boolean): Promise<{ warmup: Incident[]; measured: Incident[] }> => {
  const warmup: Incident[] = [];
  const incidents: Incident[] = [];
  progress(json, `${path}: warm-up`);
  for (let i = 0; i < WARMUP; i++) warmup.push(await world.incident(repo, path));
  progress(json, ` ${warmup.map((w) => `${Math.round(w.durationMs)}${w.problem ? "!" : ""}`).join(" ")} | measured`);
  for (let i = 0; i < runs; i++) {
    const incident = await world.incident(repo, path);
    progress(json, ` ${Math.round(incident.durationMs)}${incident.problem ? "!" : ""}`);
    incidents.push(incident);
  }
  progress(json, " ms\n");
  return { warmup, measured: incidents };
};

const main = async (): Promise<number> => {
  const opts = options();
  const loadBefore = load1m();
  const started = performance.now();
  progress(opts.json, `repository: ${opts.commits} commits, ${opts.files} files… `);
  const repo = await buildLargeRepo({ commits: opts.commits, files: opts.files });
  progress(opts.json, repo.cached ? "cached\n" : `built in ${repo.buildMs} ms\n`);
  const world = await BenchWorld.start(opts.workspaceDir ? { workspaceDir: opts.workspaceDir } : {});
  // Ctrl-C still removes the sandbox's temp dir (the repository cache is kept on purpose).
  process.once("SIGINT", () => void world.close().finally(() => process.exit(130)));
  const paths = [];
  try {
    for (const path of PATHS) {
      const { warmup, measured } = await measure(world, repo, path, opts.runs, opts.json);
      paths.push(pathReport(path, measured, warmup));
    }
  } finally {
    await world.close();
  }
  const report: BenchReport = {
    machine: machine(loadBefore),
    repo: { commits: repo.commits, files: repo.files, packMb: Math.round(repo.packBytes / 2 ** 20 * 10) / 10, cached: repo.cached, buildMs: repo.buildMs, cacheDir: cacheRoot() },
    warmup: WARMUP,
    runs: opts.runs,
    workspaceDir: opts.workspaceDir ?? tmpdir(),
    paths,
    // resourceUsage().maxRSS is in kilobytes, the process's peak so far
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    totalMs: Math.round(performance.now() - started),
    ok: paths.every((p) => p.failures.length === 0),
  };
  process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : formatReport(report));
  return report.ok ? 0 : 1;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:rollback failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
