/**
 * Scores the diagnosis engine's output for one labelled log, and sums the scores up.
 *
 * Lines are compared by cleaned text, not by position: the engine strips timestamps and colours,
 * drops noise and repeated lines, and may return windows with gaps, so a line number in the raw
 * log does not survive. See test/fixtures/ci-logs/README.md ("How the benchmark matches lines").
 */
import { cleanLogLine } from "../../src/core/diagnose/clean-log-line.js";
import type { CauseClass } from "../../src/schemas/diagnosis.js";
import type { CorpusSplit, LoadedCiLog } from "./ci-log-corpus.js";

/** What the engine said about one log. */
export interface EngineRun {
  excerpt: readonly string[];
  cause: CauseClass;
  confidence: number;
}

export interface LogScore {
  file: string;
  ecosystem: string;
  split: CorpusSplit;
  expected: CauseClass;
  got: CauseClass;
  confidence: number;
  excerptLength: number;
  /** labelled lines found in the excerpt, out of `labelled` */
  covered: number;
  labelled: number;
  /** every labelled line is in the excerpt */
  hit: boolean;
  /** non-blank excerpt lines, and how many of them are labelled explaining lines */
  excerptNonBlank: number;
  excerptExplaining: number;
  /** cleaned text of the labelled lines the excerpt missed */
  missing: string[];
}

// GitHub/Azure annotations (##[error]) are presentation, not content; engines may drop them.
const ANNOTATION = /^##\[[a-z]+\]/;
const TRUNCATION = /\s*…(?: \(\d+ more characters\))?$/;
// Containment counts only for text long enough to be specific.
const MIN_CONTAINED = 20;

/** A line as both sides are compared: cleaned like the engine does, annotation and spacing folded. */
export const normalizeForMatch = (raw: string): string =>
  cleanLogLine(raw).replace(ANNOTATION, "").replace(TRUNCATION, "").replace(/\s+/g, " ").trim();

/**
 * Whether an excerpt line shows a labelled line: equal after normalisation, or one contains the
 * other and the shorter is specific (≥ 20 characters and ≥ half the longer), which tolerates an
 * engine that strips a prefix the shared cleaner keeps (`#10 184.3`, `Step #2 - "tf plan":`,
 * `[2021-07-28T08:07:25Z]`) or truncates a long line.
 */
export const sameLine = (excerptLine: string, labelledLine: string): boolean => {
  const a = normalizeForMatch(excerptLine);
  const b = normalizeForMatch(labelledLine);
  if (a === "" || b === "") return false;
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= MIN_CONTAINED && shorter.length * 2 >= longer.length && longer.includes(shorter);
};

export const scoreLog = (log: LoadedCiLog, run: EngineRun): LogScore => {
  const labelled = log.explaining_lines.map((n) => log.lines[n - 1] ?? "");
  const missing = labelled.filter((l) => !run.excerpt.some((e) => sameLine(e, l))).map(normalizeForMatch);
  const nonBlank = run.excerpt.filter((e) => normalizeForMatch(e) !== "");
  return {
    file: log.file,
    ecosystem: log.ecosystem,
    split: log.split,
    expected: log.cause,
    got: run.cause,
    confidence: run.confidence,
    excerptLength: run.excerpt.length,
    covered: labelled.length - missing.length,
    labelled: labelled.length,
    hit: missing.length === 0,
    excerptNonBlank: nonBlank.length,
    excerptExplaining: nonBlank.filter((e) => labelled.some((l) => sameLine(e, l))).length,
    missing,
  };
};

export interface Target {
  name: string;
  value: number;
  comparator: ">=" | "<=";
  target: number;
  pass: boolean;
}

export interface ClassScore {
  cause: CauseClass;
  logs: number;
  correct: number;
  accuracy: number;
}

export interface DiagnosisSummary {
  logs: number;
  hitRate: number;
  /** micro: pooled over every line of every log; macro: mean of per-log ratios */
  linePrecision: { micro: number; macro: number };
  lineRecall: { micro: number; macro: number };
  classAccuracy: number;
  perClass: ClassScore[];
  confusion: { file: string; expected: CauseClass; got: CauseClass; confidence: number }[];
  excerptMisses: { file: string; missing: string[] }[];
  excerptLength: { median: number; p90: number; max: number };
  targets: Target[];
}

const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);
const mean = (values: number[]): number => ratio(values.reduce((s, v) => s + v, 0), values.length);

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

export const TARGETS = { hitRate: 0.9, classAccuracy: 0.85, medianExcerptLines: 25 } as const;

const target = (name: string, value: number, comparator: ">=" | "<=", goal: number): Target => ({
  name,
  value,
  comparator,
  target: goal,
  pass: comparator === ">=" ? value >= goal : value <= goal,
});

export const summarize = (scores: readonly LogScore[]): DiagnosisSummary => {
  const byClass = new Map<CauseClass, ClassScore>();
  for (const s of scores) {
    const c = byClass.get(s.expected) ?? { cause: s.expected, logs: 0, correct: 0, accuracy: 0 };
    c.logs += 1;
    c.correct += s.got === s.expected ? 1 : 0;
    c.accuracy = c.correct / c.logs;
    byClass.set(s.expected, c);
  }
  const lengths = scores.map((s) => s.excerptLength);
  const hitRate = ratio(scores.filter((s) => s.hit).length, scores.length);
  const classAccuracy = ratio(scores.filter((s) => s.got === s.expected).length, scores.length);
  const medianLength = median(lengths);
  return {
    logs: scores.length,
    hitRate,
    linePrecision: {
      micro: ratio(scores.reduce((n, s) => n + s.excerptExplaining, 0), scores.reduce((n, s) => n + s.excerptNonBlank, 0)),
      macro: mean(scores.map((s) => ratio(s.excerptExplaining, s.excerptNonBlank))),
    },
    lineRecall: {
      micro: ratio(scores.reduce((n, s) => n + s.covered, 0), scores.reduce((n, s) => n + s.labelled, 0)),
      macro: mean(scores.map((s) => ratio(s.covered, s.labelled))),
    },
    classAccuracy,
    perClass: [...byClass.values()].sort((a, b) => b.logs - a.logs || a.cause.localeCompare(b.cause)),
    confusion: scores
      .filter((s) => s.got !== s.expected)
      .map(({ file, expected, got, confidence }) => ({ file, expected, got, confidence })),
    excerptMisses: scores.filter((s) => !s.hit).map(({ file, missing }) => ({ file, missing })),
    excerptLength: { median: medianLength, p90: percentile(lengths, 90), max: Math.max(0, ...lengths) },
    targets: [
      target("excerpt hit rate", hitRate, ">=", TARGETS.hitRate),
      target("cause-class accuracy", classAccuracy, ">=", TARGETS.classAccuracy),
      target("median excerpt lines", medianLength, "<=", TARGETS.medianExcerptLines),
    ],
  };
};

/** The summary over every log, and over each split on its own: held-out figures are the honest ones. */
export const summarizeBySplit = (scores: readonly LogScore[]): Record<"all" | CorpusSplit, DiagnosisSummary> => ({
  all: summarize(scores),
  tune: summarize(scores.filter((s) => s.split === "tune")),
  held_out: summarize(scores.filter((s) => s.split === "held_out")),
});
