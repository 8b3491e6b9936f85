/** The benchmark's compact human-readable report. */
import type { PathReport, RouteTiming } from "./bench-report.js";

export interface Machine {
  node: string;
  cpus: number;
  cpuModel: string;
  platform: string;
  totalMemoryMb: number;
  git: string;
  /** 1-minute load average before and after the runs: other work on the machine skews timings */
  loadAverage: { before: number; after: number };
}

export interface BenchReport {
  machine: Machine;
  repo: { commits: number; files: number; packMb: number; cached: boolean; buildMs: number; cacheDir: string };
  warmup: number;
  runs: number;
  /** where the app's revert path cloned */
  workspaceDir: string;
  paths: PathReport[];
  peakRssMb: number;
  totalMs: number;
  ok: boolean;
}

const ms = (n: number): string => `${Math.round(n)} ms`;
const pad = (s: string | number, n: number): string => String(s).padEnd(n);
const lpad = (s: string | number, n: number): string => String(s).padStart(n);
const mark = (ok: boolean | null): string => (ok === null ? "" : ok ? " ✓" : " ✗");
const range = (min: number, max: number): string => (min === max ? `${min}` : `${min}–${max}`);

const routeLines = (items: RouteTiming[]): string[] =>
  items.map((r, i) => `  ${lpad(i + 1, 2)}  ${pad(r.call, 62)} ${lpad(r.status, 3)} ${lpad(r.medianMs.toFixed(1), 7)} ms`);

export const formatReport = (r: BenchReport): string => {
  const { machine: m, repo } = r;
  const lines = [
    "AgenticOps rollback benchmark: failing workflow_run webhook → rollback PR, in the sandbox, no LLM",
    `machine   node ${m.node} · ${m.cpus} CPU × ${m.cpuModel} · ${m.platform} · ${Math.round(m.totalMemoryMb / 1024)} GB RAM · git ${m.git} · load ${m.loadAverage.before} → ${m.loadAverage.after}`,
    `repo      ${repo.commits} commits · ${repo.files} files · pack ${repo.packMb} MB · ${repo.cached ? "from cache" : `built in ${ms(repo.buildMs)}`} (${repo.cacheDir})`,
    `runs      ${r.runs} measured per path after ${r.warmup} warm-up; each a fresh installation and repository copy`,
    `clones    revert path clones into ${r.workspaceDir}`,
    "",
    `${pad("path", 11)}${lpad("median", 9)}${lpad("p90", 9)}${lpad("min", 9)}${lpad("max", 9)}   ${pad("target", 14)}${pad("API calls", 16)}git requests`,
  ];
  for (const p of r.paths) {
    const l = p.latencyMs;
    const api = `${range(p.apiCalls.min, p.apiCalls.max)}${p.apiCalls.target === null ? "" : ` (≤ ${p.apiCalls.target})`}${mark(p.apiCalls.meetsTarget)}`;
    lines.push(`${pad(p.path, 11)}${lpad(ms(l.median), 9)}${lpad(ms(l.p90), 9)}${lpad(ms(l.min), 9)}${lpad(ms(l.max), 9)}   ${pad(`< ${l.targetMedian} ms${mark(l.meetsTarget)}`, 14)}${pad(api, 16)}${range(p.gitRequests.min, p.gitRequests.max)}`);
  }
  lines.push("", "where the time goes (medians per incident; API and git are summed server-side handling times)");
  lines.push(`${pad("path", 11)}${lpad("API server", 12)}${lpad("git server", 12)}${lpad("app+clients", 13)}${lpad("setup*", 10)}`);
  for (const p of r.paths) {
    const b = p.breakdownMs;
    lines.push(`${pad(p.path, 11)}${lpad(ms(b.apiServer), 12)}${lpad(ms(b.gitServer), 12)}${lpad(ms(b.appAndClients), 13)}${lpad(ms(b.prepareOffClock), 10)}`);
  }
  lines.push("* repository copy and run seeding before each delivery, not in the latency");
  for (const p of r.paths) {
    const steps = Object.entries(p.workspaceMs).map(([step, n]) => `${step} ${ms(n)}`);
    if (steps.length > 0) lines.push(`${p.path} git workspace (part of app+clients): ${steps.join(" · ")}`);
  }
  for (const p of r.paths) {
    lines.push("", `${p.path}: ${p.apiCalls.perIncident} GitHub API calls per incident (median server time)`, ...routeLines(p.apiCalls.routes));
    if (p.gitRequests.requests.length > 0) lines.push(`${p.path}: ${p.gitRequests.perIncident} git HTTP requests per incident`, ...routeLines(p.gitRequests.requests));
    if (p.pullRequest) lines.push(`  PR "${p.pullRequest.title}" files [${p.pullRequest.files.join(", ")}] labels [${p.pullRequest.labels.join(", ")}] reviewers [${p.pullRequest.reviewers.join(", ")}]`);
    for (const f of p.failures) lines.push(`  FAILED ${f}`);
  }
  lines.push("", `peak RSS  ${r.peakRssMb} MB (this process: sandbox + app; git child processes not included)`, `total     ${ms(r.totalMs)}`);
  return `${lines.join("\n")}\n`;
};
