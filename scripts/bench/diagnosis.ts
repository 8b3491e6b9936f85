/**
 * `npm run bench:diagnosis`: how well the diagnosis engine explains real CI failures. For every
 * log of the labelled corpus (test/fixtures/ci-logs) it runs the engine and scores the excerpt
 * (does it contain the lines a senior engineer would quote?) and the cause class, then prints
 * the figures next to their targets, for the whole corpus and for its tune and held-out splits
 * (held-out entries are never used to write or tune signatures, see the corpus README). It reports and does not gate: the exit code is 0 whatever
 * the figures, 1 when the corpus is invalid, 2 when the engine cannot be loaded or throws.
 *
 *   --engine signatures|legacy  the product's signature engine (default) or the old keyword excerpt
 *   --corpus DIR                another corpus directory (default test/fixtures/ci-logs)
 *   --json                      one JSON object instead of the table
 */
import { relative } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import { CI_LOG_CORPUS_DIR, loadCiLogCorpus, type LoadedCiLog } from "./ci-log-corpus.js";
import { ENGINE_KINDS, loadDiagnosisEngine, MAX_EXCERPT_LINES, type DiagnosisEngine, type EngineKind } from "./diagnosis-engine.js";
import { formatDiagnosisReport, type DiagnosisReport } from "./diagnosis-format.js";
import { scoreLog, summarizeBySplit, type LogScore } from "./diagnosis-scoring.js";

interface Options {
  engine: EngineKind;
  corpus: string;
  json: boolean;
}

const options = (): Options => {
  const { values } = parseArgs({
    options: { engine: { type: "string", default: "signatures" }, corpus: { type: "string" }, json: { type: "boolean", default: false } },
  });
  const engine = ENGINE_KINDS.find((k) => k === values.engine);
  if (engine === undefined) throw new Error(`--engine expects one of ${ENGINE_KINDS.join(", ")}, got "${values.engine}"`);
  return { engine, corpus: values.corpus ?? CI_LOG_CORPUS_DIR, json: values.json ?? false };
};

const scoreAll = async (engine: DiagnosisEngine, logs: readonly LoadedCiLog[]): Promise<LogScore[]> => {
  const scores: LogScore[] = [];
  for (const log of logs) {
    try {
      scores.push(scoreLog(log, await engine.diagnose(log.text)));
    } catch (error) {
      throw new Error(`${engine.name} failed on ${log.file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  return scores;
};

const main = async (): Promise<number> => {
  const opts = options();
  let logs: LoadedCiLog[];
  try {
    logs = await loadCiLogCorpus(opts.corpus);
  } catch (error) {
    if (!isAgenticOpsError(error, "CONFIG_INVALID")) throw error;
    process.stderr.write(`bench:diagnosis: the corpus is invalid\n${error.describe()}\n`);
    return 1;
  }
  const engine = await loadDiagnosisEngine(opts.engine);
  const started = performance.now();
  const scores = await scoreAll(engine, logs);
  const splits = summarizeBySplit(scores);
  const report: DiagnosisReport = {
    engine: engine.name,
    corpus: { dir: relative(process.cwd(), opts.corpus) || ".", logs: logs.length, ecosystems: new Set(logs.map((l) => l.ecosystem)).size },
    maxExcerptLines: MAX_EXCERPT_LINES,
    durationMs: performance.now() - started,
    summary: splits.all,
    splits: { tune: splits.tune, held_out: splits.held_out },
    logs: scores,
  };
  process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : formatDiagnosisReport(report));
  return 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:diagnosis failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
