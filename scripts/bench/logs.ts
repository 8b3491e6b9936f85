/**
 * `npm run bench:logs`: how fast the excerpt engine reads a huge log, against grep. Generates a
 * realistic log (default 100 MB) in a temp dir, then, after one discarded run of each (the page
 * cache is warm for both), a few times each in turn: `grep -c -iE 'error|fail'` (spawned, wall
 * time) and the engine streaming the same file in a child process (its own timer around each
 * extraction, the process's peak RSS), on one thread as grep. Each engine process reads the log
 * three times, each from a collected heap: the first is the app's first job log after it starts
 * (cold: nothing compiled yet), the others its later ones (warm). The headline is the path a job log takes in the app: raw
 * bytes in 64 KB chunks, as an HTTP body delivers them, into the byte path; the same in 1 MB
 * chunks (a file) is shown too. Medians are compared. Targets: engine time ≤ 2 × grep time, peak
 * RSS < 150 MB. It reports and does not gate (exit 0), except when the engine misses the planted
 * failure (exit 1). The engine process runs the worker transpiled to JavaScript with bare node,
 * as the app runs. The load average is printed: on a busy machine both sides slow down, unevenly.
 *
 *   --mb N      size of the generated log (default 100)
 *   --runs N    repetitions of each measurement (grep runs, engine processes; default 5)
 *   --json      one JSON object instead of the table
 */
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_SIGNATURES_FILE } from "../../src/adapters/signatures/load-signatures.js";
import { formatLogsReport, type EnginePath, type LogsReport } from "./logs-format.js";
import { generateLog, PLANTED } from "./log-generator.js";
import { transpileGraph } from "./transpile-graph.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORKER = fileURLToPath(new URL("./logs-worker.ts", import.meta.url));
const BUILD_DIR = join(ROOT, "node_modules", ".cache", "agenticops-bench-logs");
const TARGET_RATIO = 2;
const TARGET_RSS_MB = 150;

interface WorkerRun {
  /** each extraction's time, in order: the first cold, the others warm */
  runsMs: number[];
  /** peak RSS when the first extraction ends, and when all have */
  firstMaxRssMb: number;
  maxRssMb: number;
  sameExcerpt: boolean;
  totalLines: number;
  excerpt: string[];
  cause: string;
  confidence: number;
}

const positiveInt = (name: string, value: string | undefined, fallback: number): number => {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a positive integer, got "${value}"`);
  return n;
};

const grep = (file: string): Promise<{ ms: number; count: number }> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    execFile("grep", ["-c", "-iE", "error|fail", file], (error, stdout) => {
      if (error && error.code !== 1) return reject(error);
      resolve({ ms: performance.now() - started, count: Number(stdout.trim()) });
    });
  });

type Mode = "http" | "file";
// The engine's work runs on the main thread only, as grep's does.
const ENGINE_THREADS = 1;
// Logs read by each engine process: the first cold (as the app's first), the others warm.
const RUNS_PER_PROCESS = 3;

const engine = (worker: string, file: string, mode: Mode): Promise<WorkerRun> =>
  new Promise((resolve, reject) => {
    const args = ["--expose-gc", worker, file, mode, DEFAULT_SIGNATURES_FILE, String(RUNS_PER_PROCESS)];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`logs-worker ${mode} exited with ${code}`));
      resolve(JSON.parse(out) as WorkerRun);
    });
  });

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const found = (run: WorkerRun): boolean => run.sameExcerpt && PLANTED.lines.every((l) => run.excerpt.some((e) => e.includes(l))) && run.cause === PLANTED.cause;

const main = async (): Promise<number> => {
  const { values } = parseArgs({ options: { mb: { type: "string" }, runs: { type: "string" }, json: { type: "boolean", default: false } } });
  const mb = positiveInt("mb", values.mb, 100);
  const runs = positiveInt("runs", values.runs, 5);
  const dir = await mkdtemp(join(tmpdir(), "agenticops-bench-logs-"));
  try {
    const worker = await transpileGraph(ROOT, WORKER, BUILD_DIR);
    const file = join(dir, "job.log");
    const genStarted = performance.now();
    const log = await generateLog(file, mb * 1024 * 1024);
    const genMs = performance.now() - genStarted;
    const loadBefore = loadavg()[0]!;
    // One discarded run of each: the page cache is warm for both sides.
    await grep(file);
    await engine(worker, file, "http");
    await engine(worker, file, "file");
    const greps: Array<{ ms: number; count: number }> = [];
    const http: WorkerRun[] = [];
    const files: WorkerRun[] = [];
    for (let i = 0; i < runs; i += 1) {
      greps.push(await grep(file));
      http.push(await engine(worker, file, "http"));
      files.push(await engine(worker, file, "file"));
    }
    const grepMs = median(greps.map((g) => g.ms));
    const timing = (xs: number[]) => ({ medianMs: median(xs), ratio: median(xs) / grepMs });
    const summary = (rs: WorkerRun[]): EnginePath => ({
      cold: timing(rs.map((r) => r.runsMs[0]!)),
      warm: timing(rs.flatMap((r) => r.runsMs.slice(1))),
      peakRssMb: Math.max(...rs.map((r) => r.firstMaxRssMb)),
      peakRssAllMb: Math.max(...rs.map((r) => r.maxRssMb)),
      found: rs.every(found),
    });
    const report: LogsReport & Record<string, unknown> = {
      machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", loadAverage: [loadBefore, loadavg()[0]!] },
      log: { mb: log.bytes / 1024 / 1024, lines: log.lines, generateMs: genMs, grepMatches: greps[0]?.count ?? 0 },
      processes: runs,
      runsPerProcess: RUNS_PER_PROCESS,
      engineThreads: ENGINE_THREADS,
      grep: { medianMs: grepMs },
      grepRunsMs: greps.map((g) => g.ms),
      engineHttp: summary(http),
      engineHttpRunsMs: http.map((r) => r.runsMs),
      engineFile: summary(files),
      engineFileRunsMs: files.map((r) => r.runsMs),
      excerpt: http[0]?.excerpt ?? [],
      cause: http[0]?.cause ?? "unknown",
      targets: { ratio: TARGET_RATIO, peakRssMb: TARGET_RSS_MB },
    };
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatLogsReport(report));
    return report.engineHttp.found && report.engineFile.found ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:logs failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
