import { describe, expect, test } from "@jest/globals";
import { buildKeywordAutomaton, minimalLiterals } from "../../src/core/diagnose/keyword-automaton.js";
import { KeywordHits, scanKeywordLines, scanKeywordLinesInJs } from "../../src/core/diagnose/scan-keyword-lines.js";
import { WasmKeywordScanner } from "../../src/core/diagnose/wasm-keyword-scanner.js";

const encoder = new TextEncoder();

// A seeded generator, so that a failure replays.
const random = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

const naiveKeywordLines = (lines: string[], literals: string[]): number[] =>
  lines.flatMap((line, i) => (literals.some((l) => line.replace(/[A-Z]/g, (c) => c.toLowerCase()).includes(l)) ? [i] : []));

const literals = ["error", "fail", "✕ ", "##[", "exit code"];
const automaton = buildKeywordAutomaton(literals);
const wasm = WasmKeywordScanner.create(automaton);
const scanners = {
  "JavaScript": scanKeywordLinesInJs,
  "WebAssembly": (_: unknown, b: Uint8Array, start: number, end: number, hits: KeywordHits) => wasm!.scan(b, start, end, hits),
};

test("WebAssembly is available here, so its scan is the one tested and used", () => {
  expect(wasm).not.toBeNull();
});

// Blocks past the split size run eight streams, cut at line starts in JavaScript and at fixed
// distances in WebAssembly (lines across a cut are scanned again): every size, every cut.
describe.each(Object.entries(scanners))("scanKeywordLines in %s", (_, scan) => {
  test.each([1, 300, 5_000, 40_000, 90_000])("finds the same lines as a naive search in %d lines", (count) => {
    const next = random(count);
    const words = ["ok", "ERROR", "Fail", "fa", "il", "✕ ", "✕", "##[group]", "exit", "code", "errors:", "e", "r", "  ", "日本"];
    // Some lines run across several lanes.
    const wordsIn = () => Math.floor(next() * (next() < 0.02 ? 3_000 : 12));
    const lines = Array.from({ length: count }, () => Array.from({ length: wordsIn() }, () => words[Math.floor(next() * words.length)]).join(next() < 0.5 ? " " : ""));
    const bytes = encoder.encode(`${lines.join("\n")}\n`);
    const hits = new KeywordHits();
    const newlines = scan(automaton, bytes, 0, bytes.length, hits);
    expect(newlines).toBe(count);
    expect(Array.from(hits.lines.subarray(0, hits.length))).toEqual(naiveKeywordLines(lines, literals));
    for (let k = 0; k < hits.length; k += 1) {
      const line = lines[hits.lines[k]!]!;
      const start = bytes.lastIndexOf(10, hits.positions[k]! - 1) + 1;
      expect(new TextDecoder().decode(bytes.subarray(start, bytes.indexOf(10, start)))).toBe(line);
    }
  });

  test("scans a block inside a larger buffer without looking outside it", () => {
    const bytes = encoder.encode("error before\nplain\nfail here\nerror after\n");
    const start = bytes.indexOf(10) + 1;
    const end = bytes.lastIndexOf(10, bytes.length - 2) + 1;
    const hits = new KeywordHits();
    expect(scan(automaton, bytes, start, end, hits)).toBe(2);
    expect(Array.from(hits.lines.subarray(0, hits.length))).toEqual([1]);
  });
});

test("each hit comes with its line's start and end, the same in WebAssembly and JavaScript, inside a larger buffer", () => {
  const next = random(7);
  const words = ["ok", "error", "fail", "✕ ", "日本", "  ", "x".repeat(200)];
  const lines = Array.from({ length: 20_000 }, () => Array.from({ length: Math.floor(next() * 8) }, () => words[Math.floor(next() * words.length)]).join(" "));
  const bytes = encoder.encode(`head line\n${lines.join("\n")}\ntail`);
  const start = bytes.indexOf(10) + 1;
  const end = bytes.lastIndexOf(10) + 1;
  for (const scan of [scanKeywordLinesInJs, (_: unknown, b: Uint8Array, s: number, e: number, h: KeywordHits) => wasm!.scan(b, s, e, h)]) {
    const hits = new KeywordHits();
    scan(automaton, bytes, start, end, hits);
    expect(hits.length).toBe(naiveKeywordLines(lines, literals).length);
    for (let k = 0; k < hits.length; k += 1) {
      expect(new TextDecoder().decode(bytes.subarray(hits.starts[k], hits.ends[k]))).toBe(lines[hits.lines[k]!]);
      expect(hits.starts[k]).toBeLessThanOrEqual(hits.positions[k]!);
      expect(hits.ends[k]).toBeGreaterThan(hits.positions[k]!);
    }
  }
});

test("scanKeywordLines takes WebAssembly for large blocks and JavaScript for small ones, with one answer", () => {
  const bytes = encoder.encode("ok\nerror here\n".repeat(30_000));
  const [viaWasm, viaJs] = [new KeywordHits(), new KeywordHits()];
  expect(scanKeywordLines(automaton, bytes, 0, bytes.length, viaWasm)).toBe(scanKeywordLinesInJs(automaton, bytes, 0, bytes.length, viaJs));
  expect(Array.from(viaWasm.lines.subarray(0, viaWasm.length))).toEqual(Array.from(viaJs.lines.subarray(0, viaJs.length)));
});

test("a colour code inside a literal still finds its line; one between words does not", () => {
  const bytes = encoder.encode("  \u001b[31m✕\u001b[39m stores values\n\u001b[1mbold\u001b[22m text\nfa\u001b[0mil\n");
  const hits = new KeywordHits();
  scanKeywordLinesInJs(automaton, bytes, 0, bytes.length, hits);
  expect(Array.from(hits.lines.subarray(0, hits.length))).toEqual([0, 2]);
});

test("the rows between the plain states and the accepting ones are zero (the WebAssembly copy leaves them out)", () => {
  const big = buildKeywordAutomaton(["error", "fail", "timed out", "permission denied", "no space left on device"]);
  expect(big.plainEnd).toBeLessThanOrEqual(big.accept);
  expect(big.table.subarray(big.plainEnd, big.accept).every((v) => v === 0)).toBe(true);
  expect(big.table.subarray(big.plainEnd - 256, big.plainEnd).some((v) => v !== 0)).toBe(true);
});

describe("minimalLiterals", () => {
  test("drops literals that contain another one: a line with them contains the shorter one", () => {
    expect(minimalLiterals(["failed to build", "fail", "error", "Error TS", "npm err!", "", "fail"])).toEqual(["fail", "error", "npm err!"]);
  });
});
