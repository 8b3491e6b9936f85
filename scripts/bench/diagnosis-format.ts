/** The diagnosis benchmark's human-readable report. */
import type { CorpusSplit } from "./ci-log-corpus.js";
import type { DiagnosisSummary, LogScore, Target } from "./diagnosis-scoring.js";

export interface DiagnosisReport {
  engine: string;
  corpus: { dir: string; logs: number; ecosystems: number };
  maxExcerptLines: number;
  durationMs: number;
  /** the whole corpus */
  summary: DiagnosisSummary;
  /** the same figures over each split of the corpus */
  splits: Record<CorpusSplit, DiagnosisSummary>;
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

/** One row per figure, one column per split: held-out figures next to the in-sample ones. */
const splitTable = (r: DiagnosisReport): string[] => {
  const columns: [string, DiagnosisSummary][] = [["all", r.summary], ["tune", r.splits.tune], ["held_out", r.splits.held_out]];
  const row = (name: string, value: (s: DiagnosisSummary) => string): string => `${pad(name, 26)}${columns.map(([, s]) => lpad(value(s), 10)).join("")}`;
  return [
    `${pad("by split", 26)}${columns.map(([name]) => lpad(name, 10)).join("")}`,
    row("logs", (s) => String(s.logs)),
    row("excerpt hit rate", (s) => pct(s.hitRate)),
    row("cause-class accuracy", (s) => pct(s.classAccuracy)),
    row("median excerpt lines", (s) => String(s.excerptLength.median)),
    row("p90 excerpt lines", (s) => String(s.excerptLength.p90)),
    row("line precision (micro)", (s) => pct(s.linePrecision.micro)),
    row("line recall (micro)", (s) => pct(s.lineRecall.micro)),
  ];
};

export const formatDiagnosisReport = (r: DiagnosisReport): string => {
  const s = r.summary;
  const splitOf = new Map(r.logs.map((l) => [l.file, l.split]));
  const tag = (file: string): string => (splitOf.get(file) === "held_out" ? " [held out]" : "");
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
    ...splitTable(r),
    "",
    `${pad("cause class", 16)}${lpad("logs", 6)}${lpad("correct", 9)}${lpad("accuracy", 10)}`,
    ...s.perClass.map((c) => `${pad(c.cause, 16)}${lpad(c.logs, 6)}${lpad(c.correct, 9)}${lpad(pct(c.accuracy), 10)}`),
  ];
  if (s.confusion.length > 0) {
    lines.push("", `class misses (${s.confusion.length}): expected → got`);
    for (const m of s.confusion) lines.push(`  ${pad(m.file, 58)} ${m.expected} → ${m.got} (${m.confidence.toFixed(2)})${tag(m.file)}`);
  }
  if (s.excerptMisses.length > 0) {
    lines.push("", `excerpt misses (${s.excerptMisses.length}): labelled lines absent from the excerpt`);
    for (const m of s.excerptMisses) {
      lines.push(`  ${m.file}${tag(m.file)}`);
      for (const text of m.missing) lines.push(`    - ${clip(text, 110)}`);
    }
  }
  return `${lines.join("\n")}\n`;
};
