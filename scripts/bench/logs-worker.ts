/**
 * The engine side of `npm run bench:logs`, run in its own process so that its peak RSS is the
 * engine's: streams a log file through the excerpt engine and prints one JSON line.
 *
 *   logs-worker.js FILE http|file SIGNATURES [RUNS]
 *     http: the path a job log takes in the app (streamJobLog → readLogBytes →
 *           extractExcerptFromBytes) in 64 KB chunks, the size an HTTP body comes in. The file is
 *           read as grep reads it: 1 MB at a time into one reused buffer (the engine copies chunks
 *           that small), synchronously (a body's chunks arrive on the event loop, not from a
 *           thread pool), each chunk still handed over by async iteration
 *     file: the same path in 1 MB chunks from an fs stream (read ahead in libuv's thread pool),
 *           which the engine keeps instead of copying
 *
 * RUNS (default 1) extractions run one after the other in the process: the first is the app's
 * first job log after it starts (its code not compiled yet), the others its later ones. Each
 * starts from a collected heap when node runs with --expose-gc (bench:logs does): loading the
 * signature set leaves garbage (YAML, validation) whose collection is not the engine's work.
 * bench:logs runs it transpiled to JavaScript with bare node, as the app runs.
 */
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadSignatures } from "../../src/adapters/signatures/load-signatures.js";
import { classifyFailure } from "../../src/core/diagnose/classify-failure.js";
import { extractExcerptFromBytes } from "../../src/core/diagnose/excerpt-engine.js";
import { readLogBytes } from "../../src/core/diagnose/read-log-bytes.js";

const [file, mode, signaturesFile, runsArg = "1"] = process.argv.slice(2);
const runs = Number(runsArg);
if (file === undefined || (mode !== "http" && mode !== "file") || !Number.isInteger(runs) || runs < 1) throw new Error("usage: logs-worker.js FILE http|file [SIGNATURES] [RUNS]");

const HTTP_CHUNK = 64 * 1024;
const READ_BYTES = 1024 * 1024;

// 64 KB chunks of one reused buffer: each is copied by the engine before the next read.
async function* httpChunks(path: string): AsyncGenerator<Uint8Array> {
  const fd = openSync(path, "r");
  const buffer = new Uint8Array(READ_BYTES);
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      for (let at = 0; at < read; at += HTTP_CHUNK) yield buffer.subarray(at, Math.min(read, at + HTTP_CHUNK));
    }
  } finally {
    closeSync(fd);
  }
}

const signatures = await loadSignatures(signaturesFile);
const runsMs: number[] = [];
const excerpts: string[] = [];
let firstMaxRssMb = 0;
let excerpt: Awaited<ReturnType<typeof extractExcerptFromBytes>> | undefined;
const collect = (globalThis as { gc?: () => void }).gc;
for (let i = 0; i < runs; i += 1) {
  collect?.();
  const started = performance.now();
  const log = readLogBytes(async () => (mode === "http" ? httpChunks(file) : createReadStream(file, { highWaterMark: READ_BYTES })), Number.MAX_SAFE_INTEGER);
  excerpt = await extractExcerptFromBytes(log, signatures);
  runsMs.push(performance.now() - started);
  excerpts.push(JSON.stringify(excerpt.lines));
  if (i === 0) firstMaxRssMb = process.resourceUsage().maxRSS / 1024;
}
const verdict = classifyFailure(excerpt!.matches, signatures);
process.stdout.write(
  `${JSON.stringify({
    runsMs,
    firstMaxRssMb,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    sameExcerpt: excerpts.every((e) => e === excerpts[0]),
    totalLines: excerpt!.totalLines,
    excerpt: excerpt!.lines,
    cause: verdict.cause,
    confidence: verdict.confidence,
  })}\n`,
);
