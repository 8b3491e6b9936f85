/** The human-readable report of `npm run bench:logs`. */

/** One way of feeding the engine: its first log in a fresh process, and its later logs. */
export interface EnginePath {
  /** the first extraction of each process: code not compiled yet, as the app's first log */
  cold: { medianMs: number; ratio: number };
  /** the later extractions of each process, as the app's later logs */
  warm: { medianMs: number; ratio: number };
  /** peak RSS of a process reading its first log (the target), and after all its logs */
  peakRssMb: number;
  peakRssAllMb: number;
  found: boolean;
}

export interface LogsReport {
  machine: { node: string; cpus: number; cpuModel: string; loadAverage: number[] };
  log: { mb: number; lines: number; generateMs: number; grepMatches: number };
  processes: number;
  runsPerProcess: number;
  engineThreads: number;
  grep: { medianMs: number };
  engineHttp: EnginePath;
  engineFile: EnginePath;
  excerpt: string[];
  cause: string;
  targets: { ratio: number; peakRssMb: number };
}

const ms = (n: number): string => `${Math.round(n)} ms`;
const pass = (ok: boolean): string => (ok ? "PASS" : "FAIL");

export const formatLogsReport = (r: LogsReport): string => {
  const { ratio: maxRatio, peakRssMb: maxRss } = r.targets;
  const time = (t: { medianMs: number; ratio: number }) => `${ms(t.medianMs).padStart(7)} ${`${t.ratio.toFixed(2)}×`.padStart(6)} ${pass(t.ratio <= maxRatio)}`;
  const row = (name: string, e: EnginePath) =>
    `${name.padEnd(32)} ${time(e.cold)}   ${time(e.warm)}   ${`${e.peakRssMb.toFixed(0)} MB`.padStart(7)} ${pass(e.peakRssMb < maxRss)} (${e.peakRssAllMb.toFixed(0)} MB after ${r.runsPerProcess})`;
  return [
    "AgenticOps log benchmark: streaming excerpt engine vs grep -c -iE 'error|fail'",
    `machine   node ${r.machine.node} · ${r.machine.cpus} × ${r.machine.cpuModel} · load average ${r.machine.loadAverage.map((l) => l.toFixed(1)).join(" → ")}`,
    `log       ${r.log.mb.toFixed(1)} MB · ${r.log.lines.toLocaleString("en")} lines · generated in ${ms(r.log.generateMs)} · grep counts ${r.log.grepMatches.toLocaleString("en")} lines`,
    `runs      grep ${r.processes} times; the engine in ${r.processes} processes of ${r.runsPerProcess} logs each (the 1st cold, the others warm) · medians · engine on ${r.engineThreads} thread, grep on 1`,
    `targets   time ≤ ${maxRatio} × grep's · peak RSS < ${maxRss} MB`,
    "",
    `${"".padEnd(32)} ${"first log (cold)".padEnd(21)}   ${"later logs (warm)".padEnd(21)}   peak RSS (first log)`,
    `${"grep (spawned, wall time)".padEnd(32)} ${ms(r.grep.medianMs).padStart(7)}`,
    row("engine, 64 KB chunks (job log)", r.engineHttp),
    row("engine, 1 MB chunks (file)", r.engineFile),
    "",
    `planted failure found: 64 KB ${pass(r.engineHttp.found)}, 1 MB ${pass(r.engineFile.found)} · cause ${r.cause}`,
    ...r.excerpt.map((l) => `  │ ${l}`),
    "",
  ].join("\n");
};
