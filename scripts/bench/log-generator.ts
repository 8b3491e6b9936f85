/**
 * A realistic large CI job log for `npm run bench:logs`: what an Actions log of a monorepo looks
 * like (timestamps on every line, groups, npm noise, colours, carriage-return progress, thousands
 * of passing tests, application logs whose words include "error" and "fail"), and at the very end
 * the failure a diagnosis must find. Deterministic: a seeded generator, the same file every time.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { prng } from "./prng.js";

/** The lines the excerpt must contain, and the cause it must classify. */
export const PLANTED = {
  lines: ["● Cache › evicts the least recently used entry", "Expected: 2", "Received: 3", "Process completed with exit code 1."],
  cause: "test-failure",
} as const;

const WORDS = ["cache", "router", "billing", "auth", "search", "orders", "ledger", "images", "queue", "metrics"];
const VERBS = ["handles", "returns", "retries", "rejects", "stores", "parses", "renders", "validates"];
const OBJECTS = ["empty input", "unicode names", "large pages", "expired tokens", "concurrent writes", "missing headers", "gzip bodies", "daylight saving", "error responses", "retries with backoff", "paginated results", "partial refunds"];

type Line = (r: () => number, n: number) => string;
const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

// Weighted kinds of line. "error"/"fail" appear in passing tests and app logs as in real logs: a
// few percent of lines (grep counts them), almost none of them about the failure.
const KINDS: Array<[number, Line]> = [
  [30, (r) => `  \u001b[32m✓\u001b[39m ${pick(r, VERBS)} ${pick(r, OBJECTS)} (${1 + Math.floor(r() * 40)} ms)`],
  [6, (r, n) => `\u001b[42;1m PASS \u001b[0m src/${pick(r, WORDS)}/${pick(r, WORDS)}-${n % 997}.test.ts (${(r() * 5).toFixed(3)} s)`],
  [18, (r, n) => `[${pick(r, WORDS)}] INFO request id=${(n * 7919).toString(16)} method=GET path=/api/${pick(r, WORDS)}/${n % 5000} status=200 duration_ms=${Math.floor(r() * 90)}`],
  [6, (r, n) => `[${pick(r, WORDS)}] DEBUG cache ${r() < 0.5 ? "hit" : "miss"} key=${pick(r, WORDS)}:${n % 10_000} ttl=300`],
  [0.5, (r, n) => `[${pick(r, WORDS)}] WARN upstream error rate ${(r() * 2).toFixed(2)}% below threshold, not failing over (attempt ${n % 3})`],
  [2, (r) => `npm WARN deprecated ${pick(r, WORDS)}-utils@${Math.floor(r() * 9)}.${Math.floor(r() * 20)}.0: this package is no longer maintained`],
  [2, (r) => `Downloading https://registry.npmjs.org/${pick(r, WORDS)}/-/${pick(r, WORDS)}-${Math.floor(r() * 9)}.2.1.tgz ${Math.floor(r() * 900)}kB`],
  [1, (r) => `Progress: resolved ${Math.floor(r() * 900)}, reused 412, downloaded 3, added 0\rProgress: resolved 1204, reused 1190, downloaded 14, added 1204, done`],
  [3, (r, n) => `    at ${pick(r, WORDS)}Handler (/home/runner/work/shop/shop/src/${pick(r, WORDS)}/index.ts:${n % 400}:${n % 80})`],
  [0.5, (r, n) => `src/${pick(r, WORDS)}/error-boundary.tsx: compiled ${n % 90} modules, 0 errors, 0 warnings`],
  [0.2, (r) => `Run jest --ci --shard=${Math.floor(r() * 8) + 1}/8 --no-fail-on-empty-test-suite`],
];
const TOTAL = KINDS.reduce((s, [w]) => s + w, 0);

const ts = (n: number): string => {
  const s = Math.floor(n / 200);
  return `2026-11-23T${String(10 + Math.floor(s / 3600) % 12).padStart(2, "0")}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}.${String(n % 10_000_000).padStart(7, "0")}Z`;
};

const line = (r: () => number, n: number): string => {
  if (n % 5_000 === 0) return `##[group]Run shard ${n / 5_000}`;
  if (n % 5_000 === 4_999) return "##[endgroup]";
  let x = r() * TOTAL;
  for (const [w, make] of KINDS) if ((x -= w) < 0) return make(r, n);
  return "";
};

const FAILURE = [
  "\u001b[41;1m FAIL \u001b[0m src/cache/lru.test.ts (5.012 s)",
  `  ${PLANTED.lines[0]}`,
  "",
  "    expect(received).toBe(expected) // Object.is equality",
  "",
  `    ${PLANTED.lines[1]}`,
  `    ${PLANTED.lines[2]}`,
  "",
  "      41 |     cache.set('d', 4);",
  "    > 42 |     expect(cache.size).toBe(2);",
  "    at Object.<anonymous> (src/cache/lru.test.ts:42:24)",
  "",
  "Tests:       1 failed, 41873 passed, 41874 total",
  `##[error]${PLANTED.lines[3]}`,
];

/** Writes about `bytes` bytes of log to `file`; returns the bytes and lines written. */
export const generateLog = async (file: string, bytes: number, seed = 42): Promise<{ bytes: number; lines: number }> => {
  const r = prng(seed);
  const out = createWriteStream(file);
  let written = 0;
  let n = 0;
  const body = () => {
    const parts: string[] = [];
    for (let i = 0; i < 2_000; i += 1, n += 1) parts.push(`${ts(n)} ${line(r, n)}\n`);
    return parts.join("");
  };
  out.write("\ufeff");
  while (written < bytes) {
    const chunk = body();
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  }
  const tail = FAILURE.map((l) => `${ts(n++)} ${l}\n`).join("");
  out.end(tail);
  await once(out, "finish");
  return { bytes: written + Buffer.byteLength(tail) + 3, lines: n };
};
