/**
 * The engine side of `npm run bench:logs`, run in its own process so that its peak RSS is the
 * engine's: streams a log file through the excerpt engine and prints one JSON line.
 *
 *   logs-worker.js FILE bytes|lines SIGNATURES
 *     bytes: the engine's byte path (the fast path for files and bodies)
 *     lines: decodeLogLines + extractExcerptFromLines, as collectJobExcerpts runs on streamJobLog
 *
 * bench:logs runs it transpiled to JavaScript with bare node, as the app runs.
 */
import { createReadStream } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadSignatures } from "../../src/adapters/signatures/load-signatures.js";
import { classifyFailure } from "../../src/core/diagnose/classify-failure.js";
import { decodeLogLines } from "../../src/core/diagnose/decode-log-lines.js";
import { extractExcerptFromBytes, extractExcerptFromLines } from "../../src/core/diagnose/excerpt-engine.js";

const [file, mode, signaturesFile] = process.argv.slice(2);
if (file === undefined || (mode !== "bytes" && mode !== "lines")) throw new Error("usage: logs-worker.js FILE bytes|lines [SIGNATURES]");

const signatures = await loadSignatures(signaturesFile);
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const started = performance.now();
// The byte path reads the file in 1 MB chunks, as a file reader chooses to (fs streams default to
// 64 KB, whose per-chunk overhead costs more than the engine's scan); the line path gets 64 KB
// chunks, as an HTTP body delivers them.
const chunks = (kb: number) => createReadStream(file, { highWaterMark: kb * 1024 });
const excerpt =
  mode === "bytes"
    ? await extractExcerptFromBytes(chunks(1024), signatures)
    : await extractExcerptFromLines(decodeLogLines(async () => chunks(64), Number.MAX_SAFE_INTEGER), signatures);
const ms = performance.now() - started;
clearInterval(sampler);
const verdict = classifyFailure(excerpt.matches, signatures);
process.stdout.write(
  `${JSON.stringify({
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    sampledPeakRssMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024,
    totalLines: excerpt.totalLines,
    excerpt: excerpt.lines,
    cause: verdict.cause,
    confidence: verdict.confidence,
  })}\n`,
);
