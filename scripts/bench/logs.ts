/**
 * `npm run bench:logs`: how fast the excerpt engine reads a huge log, against grep. Generates a
 * realistic log (default 100 MB) in a temp dir, then, after one discarded run of each (the page
 * cache is warm for both), a few times each in turn: `grep -c -iE 'error|fail'` (spawned, wall
 * time) and the engine streaming the same file in a child process (its own timer around the
 * stream, its peak RSS), on one thread as grep. The headline is the path a job log takes in the
 * app: raw bytes in 64 KB chunks, as an HTTP body delivers them, into the byte path; the same in
 * 1 MB chunks (a file) is shown too. Medians are compared. Targets: engine time ≤ 2 × grep time,
 * peak RSS < 150 MB. It reports and does not gate (exit 0), except when the engine misses the
 * planted failure (exit 1). The engine process runs the worker transpiled to JavaScript with bare
 * node, as the app runs. The load average is printed: on a busy machine both sides slow down,
 * unevenly.
 *
 *   --mb N      size of the generated log (default 100)
 *   --runs N    repetitions of each measurement (default 5)
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
import { generateLog, PLANTED } from "./log-generator.js";
import { transpileGraph } from "./transpile-graph.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORKER = fileURLToPath(new URL("./logs-worker.ts", import.meta.url));
const BUILD_DIR = join(ROOT, "node_modules", ".cache", "agenticops-bench-logs");
const TARGET_RATIO = 2;
const TARGET_RSS_MB = 150;

interface WorkerRun {
  ms: number;
  maxRssMb: number;
  sampledPeakRssMb: number;
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

const engine = (worker: string, file: string, mode: Mode): Promise<WorkerRun & { wallMs: number }> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [worker, file, mode, DEFAULT_SIGNATURES_FILE], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`logs-worker ${mode} exited with ${code}`));
      resolve({ ...(JSON.parse(out) as WorkerRun), wallMs: performance.now() - started });
    });
  });

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const found = (run: WorkerRun): boolean => PLANTED.lines.every((l) => run.excerpt.some((e) => e.includes(l))) && run.cause === PLANTED.cause;

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
    const http: Array<WorkerRun & { wallMs: number }> = [];
    const files: Array<WorkerRun & { wallMs: number }> = [];
    for (let i = 0; i < runs; i += 1) {
      greps.push(await grep(file));
      http.push(await engine(worker, file, "http"));
      files.push(await engine(worker, file, "file"));
    }
    const grepMs = median(greps.map((g) => g.ms));
    const summary = (rs: Array<WorkerRun & { wallMs: number }>) => ({
      medianMs: median(rs.map((r) => r.ms)),
      medianWallMs: median(rs.map((r) => r.wallMs)),
      ratio: median(rs.map((r) => r.ms)) / grepMs,
      peakRssMb: Math.max(...rs.map((r) => r.maxRssMb)),
      found: rs.every(found),
    });
    const report = {
      machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", loadAverage: [loadBefore, loadavg()[0]!] },
      log: { mb: log.bytes / 1024 / 1024, lines: log.lines, generateMs: genMs, grepMatches: greps[0]?.count ?? 0 },
      runs,
      engineThreads: ENGINE_THREADS,
      grep: { medianMs: grepMs, runsMs: greps.map((g) => g.ms) },
      engineHttp: { ...summary(http), runsMs: http.map((r) => r.ms) },
      engineFile: { ...summary(files), runsMs: files.map((r) => r.ms) },
      excerpt: http[0]?.excerpt ?? [],
      cause: http[0]?.cause ?? "unknown",
      targets: { ratio: TARGET_RATIO, peakRssMb: TARGET_RSS_MB },
    };
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : format(report));
    return report.engineHttp.found && report.engineFile.found ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

const ms = (n: number): string => `${Math.round(n)} ms`;
const pass = (ok: boolean): string => (ok ? "PASS" : "FAIL");

const format = (r: {
  machine: { node: string; cpus: number; cpuModel: string; loadAverage: number[] };
  log: { mb: number; lines: number; generateMs: number; grepMatches: number };
  runs: number;
  engineThreads: number;
  grep: { medianMs: number };
  engineHttp: { medianMs: number; medianWallMs: number; ratio: number; peakRssMb: number; found: boolean };
  engineFile: { medianMs: number; medianWallMs: number; ratio: number; peakRssMb: number; found: boolean };
  excerpt: string[];
  cause: string;
}): string => {
  const row = (name: string, e: typeof r.engineHttp) =>
    `${name.padEnd(34)} ${ms(e.medianMs).padStart(9)}  ${`${e.ratio.toFixed(2)}×`.padStart(6)} ≤ ${TARGET_RATIO}× ${pass(e.ratio <= TARGET_RATIO)}   ${`${e.peakRssMb.toFixed(0)} MB`.padStart(7)} < ${TARGET_RSS_MB} MB ${pass(e.peakRssMb < TARGET_RSS_MB)}   process ${ms(e.medianWallMs)}`;
  return [
    "AgenticOps log benchmark: streaming excerpt engine vs grep -c -iE 'error|fail'",
    `machine   node ${r.machine.node} · ${r.machine.cpus} × ${r.machine.cpuModel} · load average ${r.machine.loadAverage.map((l) => l.toFixed(1)).join(" → ")}`,
    `log       ${r.log.mb.toFixed(1)} MB · ${r.log.lines.toLocaleString("en")} lines · generated in ${ms(r.log.generateMs)} · grep counts ${r.log.grepMatches.toLocaleString("en")} lines`,
    `runs      ${r.runs} of each, medians shown · engine on ${r.engineThreads} thread, grep on 1`,
    "",
    `${"".padEnd(34)} ${"time".padStart(9)}  ${"ratio".padStart(6)}          ${"peak RSS".padStart(7)}`,
    `${"grep (spawned, wall time)".padEnd(34)} ${ms(r.grep.medianMs).padStart(9)}`,
    row("engine, 64 KB chunks (job log)", r.engineHttp),
    row("engine, 1 MB chunks (file)", r.engineFile),
    "",
    `planted failure found: 64 KB ${pass(r.engineHttp.found)}, 1 MB ${pass(r.engineFile.found)} · cause ${r.cause}`,
    ...r.excerpt.map((l) => `  │ ${l}`),
    "",
  ].join("\n");
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:logs failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
