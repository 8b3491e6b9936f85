import type { KeywordAutomaton } from "./keyword-automaton.js";

const NEWLINE = 10;
// Below this size one stream is as fast and simpler.
const MIN_SPLIT_BYTES = 4096;

/** Scans one stream; pushes the byte position of each hit (the automaton reports one per line). */
const scanStream = (table: Int32Array, accept: number, b: Uint8Array, from: number, to: number, state: number, hits: number[]): void => {
  let s = state;
  for (let i = from; i < to; i += 1) {
    s = table[s + b[i]!]!;
    if (s >= accept) hits.push(i);
  }
};

const lineStartAfter = (b: Uint8Array, at: number, end: number): number => {
  const nl = b.indexOf(NEWLINE, at);
  return nl === -1 || nl >= end ? end : nl + 1;
};

/**
 * Finds the lines of `b[start..end)` that contain a keyword. `end` must follow a newline (whole
 * lines). Hits are pushed to `hits` as pairs (byte position, line index from `start`), in order;
 * the return value is the number of newlines.
 *
 * The automaton is a chain of dependent table loads, so one stream is bound by memory latency.
 * Four independent streams over four quarters of the block (cut at line starts) keep the CPU
 * busy. Newlines are not counted in that loop: native `indexOf` finds them afterwards, which costs
 * less than a comparison per byte.
 */
export const scanKeywordLines = (a: KeywordAutomaton, b: Uint8Array, start: number, end: number, hits: number[]): number => {
  const { table, accept } = a;
  const positions: number[] = [];
  if (end - start < MIN_SPLIT_BYTES) scanStream(table, accept, b, start, end, 0, positions);
  else scanQuarters(table, accept, b, start, end, positions);
  let lines = 0;
  let from = start;
  for (const pos of positions) {
    for (let nl = b.indexOf(NEWLINE, from); nl !== -1 && nl < pos; nl = b.indexOf(NEWLINE, from)) {
      lines += 1;
      from = nl + 1;
    }
    hits.push(pos, lines);
  }
  for (let nl = b.indexOf(NEWLINE, from); nl !== -1 && nl < end; nl = b.indexOf(NEWLINE, nl + 1)) lines += 1;
  return lines;
};

const scanQuarters = (table: Int32Array, accept: number, b: Uint8Array, start: number, end: number, hits: number[]): void => {
  const q = (end - start) >> 2;
  const p1 = lineStartAfter(b, start + q, end);
  const p2 = lineStartAfter(b, Math.max(p1, start + 2 * q), end);
  const p3 = lineStartAfter(b, Math.max(p2, start + 3 * q), end);
  const m = Math.min(p1 - start, p2 - p1, p3 - p2, end - p3);
  const h1: number[] = [];
  const h2: number[] = [];
  const h3: number[] = [];
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0; // prettier-ignore
  for (let i = 0; i < m; i += 1) {
    s0 = table[s0 + b[start + i]!]!;
    s1 = table[s1 + b[p1 + i]!]!;
    s2 = table[s2 + b[p2 + i]!]!;
    s3 = table[s3 + b[p3 + i]!]!;
    if ((s0 | s1 | s2 | s3) >= accept) {
      if (s0 >= accept) hits.push(start + i);
      if (s1 >= accept) h1.push(p1 + i);
      if (s2 >= accept) h2.push(p2 + i);
      if (s3 >= accept) h3.push(p3 + i);
    }
  }
  scanStream(table, accept, b, start + m, p1, s0, hits);
  scanStream(table, accept, b, p1 + m, p2, s1, h1);
  scanStream(table, accept, b, p2 + m, p3, s2, h2);
  scanStream(table, accept, b, p3 + m, end, s3, h3);
  for (const h of [h1, h2, h3]) for (const pos of h) hits.push(pos);
};
