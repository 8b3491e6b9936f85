/**
 * The engine side of `npm run bench:logs`, run in its own process so that its peak RSS is the
 * engine's: streams a log file through the excerpt engine and prints one JSON line.
 *
 *   logs-worker.js FILE http|file SIGNATURES
 *     http: the path a job log takes in the app (streamJobLog → readLogBytes →
 *           extractExcerptFromBytes), in 64 KB chunks, the size an HTTP body comes in
 *     file: the same path in 1 MB chunks, as a file reader may choose
 *
 * The file is read in 1 MB pieces either way (an fs stream of 64 KB pieces costs more than the
 * engine: its per-read overhead is the file's, not the body's); `http` hands them on in 64 KB
 * slices. bench:logs runs it transpiled to JavaScript with bare node, as the app runs.
 */
import { createReadStream } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadSignatures } from "../../src/adapters/signatures/load-signatures.js";
import { classifyFailure } from "../../src/core/diagnose/classify-failure.js";
import { extractExcerptFromBytes } from "../../src/core/diagnose/excerpt-engine.js";
import { readLogBytes } from "../../src/core/diagnose/read-log-bytes.js";

const [file, mode, signaturesFile] = process.argv.slice(2);
if (file === undefined || (mode !== "http" && mode !== "file")) throw new Error("usage: logs-worker.js FILE http|file [SIGNATURES]");

const HTTP_CHUNK = 64 * 1024;

async function* slices(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  for await (const piece of source) for (let at = 0; at < piece.length; at += size) yield piece.subarray(at, at + size);
}

const signatures = await loadSignatures(signaturesFile);
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const started = performance.now();
const pieces = () => createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Uint8Array>;
const log = readLogBytes(async () => (mode === "http" ? slices(pieces(), HTTP_CHUNK) : pieces()), Number.MAX_SAFE_INTEGER);
const excerpt = await extractExcerptFromBytes(log, signatures);
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
