import { describe, expect, test } from "@jest/globals";
import { loadCiLogCorpus, splitLogLines, type CorpusSplit, type LoadedCiLog } from "../../scripts/bench/ci-log-corpus.js";
import { formatDiagnosisReport } from "../../scripts/bench/diagnosis-format.js";
import { median, normalizeForMatch, percentile, sameLine, scoreLog, summarize, summarizeBySplit } from "../../scripts/bench/diagnosis-scoring.js";
import type { CauseClass } from "../../src/schemas/diagnosis.js";

const log = (text: string, explaining: number[], cause: CauseClass = "network", file = "npm/x.log", split: CorpusSplit = "tune"): LoadedCiLog => ({
  file,
  ecosystem: "npm",
  split,
  source_url: "https://github.com/o/r/issues/1",
  source_title: "o/r#1",
  license_note: "quoted",
  cause,
  explaining_lines: explaining,
  text,
  lines: splitLogLines(text),
});

describe("line matching", () => {
  test("ignores what the engine strips: timestamps, colours, annotations, spacing", () => {
    expect(normalizeForMatch("2021-05-28T13:48:22.9918681Z ##[error]\u001b[31mProcess  completed\u001b[0m  ")).toBe("Process completed");
    expect(sameLine("error: deployment \"web\" exceeded its progress deadline", "2021-08-09T08:36:04.3119411Z error: deployment \"web\" exceeded its progress deadline")).toBe(true);
  });

  test("accepts a stripped prefix or a truncated line only when the shorter side is specific", () => {
    expect(sameLine("error[E0425]: cannot find value `args` in this scope", "#10 184.3 error[E0425]: cannot find value `args` in this scope")).toBe(true);
    expect(sameLine(`${"x".repeat(60)}…`, "x".repeat(100))).toBe(true);
    expect(sameLine("npm ERR!", "npm ERR! code ETIMEDOUT")).toBe(false);
    expect(sameLine("error: something", "error: something went wrong in the middle of a long sentence here")).toBe(false);
    expect(sameLine("", "")).toBe(false);
  });
});

describe("scoring one log against a stub engine", () => {
  const text = "step 1\n2021-01-01T00:00:00Z npm ERR! code ETIMEDOUT\nnpm ERR! network request to https://registry.npmjs.org/x failed\nnoise\n";

  test("a hit needs every labelled line; precision counts non-blank excerpt lines that are labelled", () => {
    const s = scoreLog(log(text, [2, 3]), { excerpt: ["npm ERR! code ETIMEDOUT", "", "noise", "npm ERR! network request to https://registry.npmjs.org/x failed"], cause: "network", confidence: 0.9 });
    expect(s).toMatchObject({ hit: true, covered: 2, labelled: 2, excerptLength: 4, excerptNonBlank: 3, excerptExplaining: 2, missing: [] });
  });

  test("a miss lists the cleaned text of what the excerpt left out", () => {
    const s = scoreLog(log(text, [2, 3]), { excerpt: ["npm ERR! code ETIMEDOUT"], cause: "dependency", confidence: 0.4 });
    expect(s).toMatchObject({ hit: false, covered: 1, got: "dependency", expected: "network" });
    expect(s.missing).toEqual(["npm ERR! network request to https://registry.npmjs.org/x failed"]);
  });
});

describe("summarize", () => {
  test("hit rate, micro and macro line metrics, accuracy per class, confusion and targets", () => {
    const a = scoreLog(log("boom\nfine\n", [1], "network", "npm/a.log"), { excerpt: ["boom is a long enough line", "fine"], cause: "network", confidence: 1 });
    const b = scoreLog(log("x1 failed hard\n", [1], "lint", "npm/b.log"), { excerpt: ["x1 failed hard"], cause: "compilation", confidence: 0.5 });
    const s = summarize([a, b]);
    expect(s.hitRate).toBe(0.5);
    expect(s.lineRecall).toEqual({ micro: 0.5, macro: 0.5 });
    expect(s.linePrecision).toEqual({ micro: 1 / 3, macro: 0.5 });
    expect(s.classAccuracy).toBe(0.5);
    expect(s.perClass).toEqual([
      { cause: "lint", logs: 1, correct: 0, accuracy: 0 },
      { cause: "network", logs: 1, correct: 1, accuracy: 1 },
    ]);
    expect(s.confusion).toEqual([{ file: "npm/b.log", expected: "lint", got: "compilation", confidence: 0.5 }]);
    expect(s.excerptMisses).toEqual([{ file: "npm/a.log", missing: ["boom"] }]);
    expect(s.excerptLength).toEqual({ median: 1.5, p90: 2, max: 2 });
    expect(s.targets.map((t) => [t.name, t.pass])).toEqual([
      ["excerpt hit rate", false],
      ["cause-class accuracy", false],
      ["median excerpt lines", true],
    ]);
  });

  test("each split is summarised on its own logs, and the report prints all, tune and held_out side by side", () => {
    const tuned = scoreLog(log("boom went the registry\n", [1], "network", "npm/a.log"), { excerpt: ["boom went the registry"], cause: "network", confidence: 1 });
    const held = scoreLog(log("x1 failed hard\n", [1], "lint", "npm/b.log", "held_out"), { excerpt: ["unrelated"], cause: "compilation", confidence: 0.5 });
    const splits = summarizeBySplit([tuned, held]);
    expect([splits.all.logs, splits.tune.logs, splits.held_out.logs]).toEqual([2, 1, 1]);
    expect([splits.all.hitRate, splits.tune.hitRate, splits.held_out.hitRate]).toEqual([0.5, 1, 0]);
    expect(splits.held_out.confusion).toEqual([{ file: "npm/b.log", expected: "lint", got: "compilation", confidence: 0.5 }]);
    const report = formatDiagnosisReport({
      engine: "stub",
      corpus: { dir: "corpus", logs: 2, ecosystems: 1 },
      maxExcerptLines: 40,
      durationMs: 1,
      summary: splits.all,
      splits: { tune: splits.tune, held_out: splits.held_out },
      logs: [tuned, held],
    });
    expect(report).toMatch(/^by split\s+all\s+tune\s+held_out$/m);
    expect(report).toMatch(/^excerpt hit rate\s+50\.0%\s+100\.0%\s+0\.0%$/m);
    expect(report).toMatch(/^cause-class accuracy\s+50\.0%\s+100\.0%\s+0\.0%$/m);
    expect(report).toContain("npm/b.log [held out]");
  });

  test("median and nearest-rank p90", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBe(0);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([7], 90)).toBe(7);
  });
});

test("an oracle stub that quotes the labelled lines and names the labelled cause scores 100% on the real corpus", async () => {
  const logs = await loadCiLogCorpus();
  const summary = summarize(logs.map((l) => scoreLog(l, { excerpt: l.explaining_lines.map((n) => l.lines[n - 1] ?? ""), cause: l.cause, confidence: 1 })));
  expect(summary.hitRate).toBe(1);
  expect(summary.classAccuracy).toBe(1);
  expect(summary.linePrecision.micro).toBe(1);
  expect(summary.targets.every((t) => t.pass)).toBe(true);
});
