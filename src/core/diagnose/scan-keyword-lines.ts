import type { KeywordAutomaton } from "./keyword-automaton.js";
import { indexOfByte } from "./native-bytes.js";
import { KeywordHits } from "./keyword-hits.js";
import { WasmKeywordScanner } from "./wasm-keyword-scanner.js";

export { KeywordHits };

const NEWLINE = 10;
// Below this size one stream is as fast and simpler.
const MIN_SPLIT_BYTES = 16 * 1024;
// Below this size (lines pushed as text come in 64 KB batches) the copy into WebAssembly memory
// and the lines cut by lanes cost about what the faster scan saves, and the run's peak memory
// was higher and less steady.
const MIN_WASM_BYTES = 256 * 1024;
// One WebAssembly scanner per automaton (it holds a copy of the table); null: not available.
const wasmScanners = new WeakMap<KeywordAutomaton, WasmKeywordScanner | null>();

/** Scans one stream from `state`; adds the position of each hit (the automaton reports one per line). */
const scanStream = (table: Int32Array, accept: number, b: Uint8Array, from: number, to: number, state: number, hits: KeywordHits): void => {
  let s = state;
  for (let i = from; i < to; i += 1) {
    s = table[s + b[i]!]!;
    if (s >= accept) hits.add(i);
  }
};

const lineStartAfter = (b: Uint8Array, at: number, end: number): number => {
  const nl = indexOfByte(b, NEWLINE, at);
  return nl === -1 || nl >= end ? end : nl + 1;
};

/**
 * Finds the lines of `b[start..end)` that contain a keyword. `end` must follow a newline (whole
 * lines). Fills `hits` (positions ascending, with their lines: indices from `start`, bounds) and
 * returns the number of newlines.
 *
 * The automaton is a chain of dependent table loads, so one stream is bound by memory latency.
 * Eight independent streams over eight parts of the block (cut at line starts) keep the CPU
 * busy. Newlines are not counted in that loop: a native byte search finds them afterwards.
 */
export const scanKeywordLines = (a: KeywordAutomaton, b: Uint8Array, start: number, end: number, hits: KeywordHits): number => {
  if (end - start >= MIN_WASM_BYTES) {
    let wasm = wasmScanners.get(a);
    if (wasm === undefined) wasmScanners.set(a, (wasm = WasmKeywordScanner.create(a)));
    if (wasm !== null) return wasm.scan(b, start, end, hits);
  }
  return scanKeywordLinesInJs(a, b, start, end, hits);
};

/** scanKeywordLines without WebAssembly. */
export const scanKeywordLinesInJs = (a: KeywordAutomaton, b: Uint8Array, start: number, end: number, hits: KeywordHits): number => {
  hits.clear();
  if (end - start < MIN_SPLIT_BYTES) scanStream(a.table, a.accept, b, start, end, 0, hits);
  else {
    scanLanes(a.table, a.accept, b, start, end, hits);
    hits.positions.subarray(0, hits.length).sort();
  }
  return numberLines(b, start, end, hits);
};

// Fills in each hit's line: its index, its start and its end (the newline after the hit).
const numberLines = (b: Uint8Array, start: number, end: number, hits: KeywordHits): number => {
  const { positions, lines, starts, ends } = hits;
  let count = 0;
  let lineStart = start;
  let nl = indexOfByte(b, NEWLINE, start);
  for (let k = 0; k < hits.length; k += 1) {
    const pos = positions[k]!;
    while (nl !== -1 && nl < pos) {
      count += 1;
      lineStart = nl + 1;
      nl = indexOfByte(b, NEWLINE, nl + 1);
    }
    lines[k] = count;
    starts[k] = lineStart;
    ends[k] = nl;
  }
  while (nl !== -1 && nl < end) {
    count += 1;
    nl = indexOfByte(b, NEWLINE, nl + 1);
  }
  return count;
};

// Eight streams, each from a line start; hits come out of order and are sorted by the caller.
const scanLanes = (table: Int32Array, accept: number, b: Uint8Array, start: number, end: number, hits: KeywordHits): void => {
  const q = Math.floor((end - start) / 8);
  const p0 = start;
  const p1 = lineStartAfter(b, p0 + q, end);
  const p2 = lineStartAfter(b, Math.max(p1, start + 2 * q), end);
  const p3 = lineStartAfter(b, Math.max(p2, start + 3 * q), end);
  const p4 = lineStartAfter(b, Math.max(p3, start + 4 * q), end);
  const p5 = lineStartAfter(b, Math.max(p4, start + 5 * q), end);
  const p6 = lineStartAfter(b, Math.max(p5, start + 6 * q), end);
  const p7 = lineStartAfter(b, Math.max(p6, start + 7 * q), end);
  const m = Math.min(p1 - p0, p2 - p1, p3 - p2, p4 - p3, p5 - p4, p6 - p5, p7 - p6, end - p7);
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0; // prettier-ignore
  for (let i = 0; i < m; i += 1) {
    s0 = table[s0 + b[p0 + i]!]!;
    s1 = table[s1 + b[p1 + i]!]!;
    s2 = table[s2 + b[p2 + i]!]!;
    s3 = table[s3 + b[p3 + i]!]!;
    s4 = table[s4 + b[p4 + i]!]!;
    s5 = table[s5 + b[p5 + i]!]!;
    s6 = table[s6 + b[p6 + i]!]!;
    s7 = table[s7 + b[p7 + i]!]!;
    // Accepting states start at a power of two: the OR reaches `accept` only if one of them does.
    if ((s0 | s1 | s2 | s3 | s4 | s5 | s6 | s7) >= accept) {
      if (s0 >= accept) hits.add(p0 + i);
      if (s1 >= accept) hits.add(p1 + i);
      if (s2 >= accept) hits.add(p2 + i);
      if (s3 >= accept) hits.add(p3 + i);
      if (s4 >= accept) hits.add(p4 + i);
      if (s5 >= accept) hits.add(p5 + i);
      if (s6 >= accept) hits.add(p6 + i);
      if (s7 >= accept) hits.add(p7 + i);
    }
  }
  scanStream(table, accept, b, p0 + m, p1, s0, hits);
  scanStream(table, accept, b, p1 + m, p2, s1, hits);
  scanStream(table, accept, b, p2 + m, p3, s2, hits);
  scanStream(table, accept, b, p3 + m, p4, s3, hits);
  scanStream(table, accept, b, p4 + m, p5, s4, hits);
  scanStream(table, accept, b, p5 + m, p6, s5, hits);
  scanStream(table, accept, b, p6 + m, p7, s6, hits);
  scanStream(table, accept, b, p7 + m, end, s7, hits);
};
