/** The diagnosis benchmark's human-readable report. */
import type { DiagnosisSummary, LogScore, Target } from "./diagnosis-scoring.js";

export interface DiagnosisReport {
  engine: string;
  corpus: { dir: string; logs: number; ecosystems: number };
  maxExcerptLines: number;
  durationMs: number;
  summary: DiagnosisSummary;
  logs: LogScore[];
}

const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;
const pad = (s: string | number, n: number): string => String(s).padEnd(n);
const lpad = (s: string | number, n: number): string => String(s).padStart(n);
const isRate = (t: Target): boolean => t.name !== "median excerpt lines";
const show = (t: Target, v: number): string => (isRate(t) ? pct(v) : String(v));
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const targetRow = (t: Target): string =>
  `${pad(t.name, 26)}${lpad(show(t, t.value), 8)}   ${pad(`${t.comparator === ">=" ? "≥" : "≤"} ${show(t, t.target)}`, 9)}${t.pass ? "PASS" : "FAIL"}`;

export const formatDiagnosisReport = (r: DiagnosisReport): string => {
  const s = r.summary;
  const lines = [
    `AgenticOps diagnosis benchmark: ${r.corpus.logs} real CI failure logs from ${r.corpus.ecosystems} ecosystems`,
    `engine    ${r.engine}`,
    `corpus    ${r.corpus.dir} · excerpts capped at ${r.maxExcerptLines} lines · ${Math.round(r.durationMs)} ms`,
    "",
    `${pad("metric", 26)}${lpad("value", 8)}   ${pad("target", 9)}`,
    ...s.targets.map(targetRow),
    `${pad("p90 excerpt lines", 26)}${lpad(s.excerptLength.p90, 8)}   (max ${s.excerptLength.max})`,
    `${pad("line precision", 26)}${lpad(pct(s.linePrecision.micro), 8)}   (macro ${pct(s.linePrecision.macro)}; excerpt lines that are labelled lines)`,
    `${pad("line recall", 26)}${lpad(pct(s.lineRecall.micro), 8)}   (macro ${pct(s.lineRecall.macro)}; labelled lines found in the excerpt)`,
    "",
    `${pad("cause class", 16)}${lpad("logs", 6)}${lpad("correct", 9)}${lpad("accuracy", 10)}`,
    ...s.perClass.map((c) => `${pad(c.cause, 16)}${lpad(c.logs, 6)}${lpad(c.correct, 9)}${lpad(pct(c.accuracy), 10)}`),
  ];
  if (s.confusion.length > 0) {
    lines.push("", `class misses (${s.confusion.length}): expected → got`);
    for (const m of s.confusion) lines.push(`  ${pad(m.file, 58)} ${m.expected} → ${m.got} (${m.confidence.toFixed(2)})`);
  }
  if (s.excerptMisses.length > 0) {
    lines.push("", `excerpt misses (${s.excerptMisses.length}): labelled lines absent from the excerpt`);
    for (const m of s.excerptMisses) {
      lines.push(`  ${m.file}`);
      for (const text of m.missing) lines.push(`    - ${clip(text, 110)}`);
    }
  }
  return `${lines.join("\n")}\n`;
};
