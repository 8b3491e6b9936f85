import { completeAutomaton } from "./aho-corasick-links.js";

/**
 * An Aho–Corasick automaton over UTF-8 bytes that answers "does this line contain any of these
 * literals?" (ASCII case folded) in one pass, whatever the number of literals. It is the
 * pre-filter in front of the signatures' regular expressions: on a typical CI log few lines
 * contain a literal, and only those lines are decoded and tested.
 *
 * The table has a row of 256 entries per state, premultiplied by 256, so a step is one load,
 * `state = table[state + byte]` (a table of byte classes would add a load per byte). After a
 * match the automaton parks in a skip state until the next newline: one hit per line is all the
 * caller needs. States are numbered breadth first, so the shallow states a scan visits almost all
 * the time share a few pages of the table. Accepting states come last, from a power of two on:
 * "matched" is `state >= accept`, and so is the bitwise OR of several states when any of them
 * matched, which lets a scan test many streams with one comparison.
 */
export interface KeywordAutomaton {
  readonly table: Int32Array;
  readonly accept: number;
  /** where the rows nothing reaches begin: `table[plainEnd..accept)` is zero */
  readonly plainEnd: number;
  /** true when some signature has no literal: every line must be tested */
  readonly matchAll: boolean;
}

const NEWLINE = 10;
const ESCAPE = 0x1b;
const ROW = 256;
const foldAscii = (l: string): string => l.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * The literals a line must contain one of: a literal that contains another one is dropped, since
 * a line with it contains the shorter one too. The automaton shrinks, the lines it finds do not.
 */
export const minimalLiterals = (literals: readonly string[]): string[] => {
  const unique = [...new Set(literals.map(foldAscii))].filter((l) => l.length > 0).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const kept: string[] = [];
  for (const literal of unique) if (!kept.some((k) => literal.includes(k))) kept.push(literal);
  return kept;
};

const alphabet = (literals: Uint8Array[]): { classes: Uint8Array; width: number } => {
  const classes = new Uint8Array(ROW);
  let width = 2; // 0: other bytes, 1: newline
  classes[NEWLINE] = 1;
  for (const lit of literals) {
    for (const b of lit) {
      if (classes[b] !== 0) continue;
      classes[b] = width;
      if (b >= 97 && b <= 122) classes[b - 32] = width;
      width += 1;
    }
  }
  return { classes, width };
};

interface Trie {
  goto: Int32Array[];
  accepting: boolean[];
  /** bytes of literal matched in each trie state */
  depth: number[];
  /** states in breadth-first order, the root first */
  order: number[];
}

const buildTrie = (literals: Uint8Array[], classes: Uint8Array, width: number): Trie => {
  const goto = [new Int32Array(width).fill(-1)];
  const accepting = [false];
  const depth = [0];
  for (const lit of literals) {
    let s = 0;
    for (const b of lit) {
      const c = classes[b]!;
      if (goto[s]![c] === -1) {
        goto[s]![c] = goto.length;
        goto.push(new Int32Array(width).fill(-1));
        accepting.push(false);
        depth.push(depth[s]! + 1);
      }
      s = goto[s]![c]!;
    }
    accepting[s] = true;
  }
  const order = [0];
  // An accepting failure state makes the state accepting: a literal ends inside the match.
  completeAutomaton(goto, width, (s, f) => {
    accepting[s] = accepting[s]! || accepting[f]!;
    order.push(s);
  });
  return { goto, accepting, depth, order };
};

const powerOfTwoAbove = (n: number): number => 2 ** Math.ceil(Math.log2(n + 1));

/** Builds the automaton for lower-cased literals. */
export const buildKeywordAutomaton = (literals: readonly string[], matchAll = false): KeywordAutomaton => {
  const encoder = new TextEncoder();
  const bytes = minimalLiterals(literals).map((l) => encoder.encode(l));
  const { classes, width } = alphabet(bytes);
  const trie = buildTrie(bytes, classes, width);
  // Plain states first (the root stays 0), then the skip state, then from a power of two on the
  // accepting ones; the rows in between are never reached.
  const plain = trie.order.filter((s) => !trie.accepting[s]);
  const accepted = trie.order.filter((s) => trie.accepting[s]);
  const skip = plain.length;
  const firstAccepting = powerOfTwoAbove(skip);
  const id = new Int32Array(trie.goto.length);
  plain.forEach((s, i) => (id[s] = i * ROW));
  accepted.forEach((s, i) => (id[s] = (firstAccepting + i) * ROW));
  const table = new Int32Array((firstAccepting + accepted.length) * ROW);
  for (const s of trie.order) {
    const row = id[s]!;
    const goto = trie.goto[s]!;
    for (let b = 0; b < ROW; b += 1) table[row + b] = trie.accepting[s] ? skip * ROW : id[goto[classes[b]!]!]!;
    table[row + NEWLINE] = 0;
    // A colour code inside a literal ("\u001b[31m✕\u001b[39m " for "✕ ") hides it from the bytes
    // but not from the cleaned line: an escape two bytes or more into a literal counts as a hit,
    // and the line is judged on its cleaned text.
    if (!trie.accepting[s] && trie.depth[s]! >= 2 && accepted.length > 0) table[row + ESCAPE] = firstAccepting * ROW;
  }
  table.fill(skip * ROW, skip * ROW, (skip + 1) * ROW);
  table[skip * ROW + NEWLINE] = 0;
  return { table, accept: firstAccepting * ROW, plainEnd: (skip + 1) * ROW, matchAll };
};

/** Whether `bytes[0..length)` (one line) contains a literal. */
export const bytesHaveKeyword = (automaton: KeywordAutomaton, bytes: Uint8Array, length: number): boolean => {
  if (automaton.matchAll) return true;
  const { table, accept } = automaton;
  let s = 0;
  for (let i = 0; i < length; i += 1) {
    s = table[s + bytes[i]!]!;
    if (s >= accept) return true;
  }
  return false;
};

/** Whether a line of text contains a literal (encodes into a reused buffer, no allocation). */
export const createTextKeywordTest = (automaton: KeywordAutomaton): ((text: string) => boolean) => {
  const encoder = new TextEncoder();
  let buffer = new Uint8Array(4096);
  return (text) => {
    if (automaton.matchAll) return true;
    if (text.length * 3 > buffer.length) buffer = new Uint8Array(text.length * 3);
    const { written } = encoder.encodeInto(text, buffer);
    return bytesHaveKeyword(automaton, buffer, written);
  };
};
