import { completeAutomaton } from "./aho-corasick-links.js";

/**
 * An Aho–Corasick automaton over UTF-8 bytes that answers "does this line contain any of these
 * literals?" (ASCII case folded) in one pass, whatever the number of literals. It is the
 * pre-filter in front of the signatures' regular expressions: on a typical CI log few lines
 * contain a literal, and only those lines are decoded and tested.
 *
 * The table has a row of 256 entries per state, premultiplied by 256, so a step is one load,
 * `state = table[state + byte]` (a table of byte classes would add a dependent load per byte);
 * accepting states are numbered last, so "matched" is `state >= accept`. After a match the
 * automaton parks in a skip state until the next newline: one hit per line is all the caller needs.
 */
export interface KeywordAutomaton {
  readonly table: Int32Array;
  readonly accept: number;
  /** true when some signature has no literal: every line must be tested */
  readonly matchAll: boolean;
}

const NEWLINE = 10;

const alphabet = (literals: Uint8Array[]): { classes: Uint8Array; width: number } => {
  const classes = new Uint8Array(256);
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
}

const buildTrie = (literals: Uint8Array[], classes: Uint8Array, width: number): Trie => {
  const goto = [new Int32Array(width).fill(-1)];
  const accepting = [false];
  for (const lit of literals) {
    let s = 0;
    for (const b of lit) {
      const c = classes[b]!;
      if (goto[s]![c] === -1) {
        goto[s]![c] = goto.length;
        goto.push(new Int32Array(width).fill(-1));
        accepting.push(false);
      }
      s = goto[s]![c]!;
    }
    accepting[s] = true;
  }
  return { goto, accepting };
};

// An accepting failure state makes the state accepting: a literal ends inside the match.
const complete = ({ goto, accepting }: Trie, width: number): void =>
  completeAutomaton(goto, width, (s, f) => {
    accepting[s] = accepting[s]! || accepting[f]!;
  });

/** Builds the automaton for lower-cased literals. */
export const buildKeywordAutomaton = (literals: readonly string[], matchAll = false): KeywordAutomaton => {
  const encoder = new TextEncoder();
  const bytes = [...new Set(literals)].filter((l) => l.length > 0).map((l) => encoder.encode(l));
  const { classes, width } = alphabet(bytes);
  const trie = buildTrie(bytes, classes, width);
  complete(trie, width);
  const n = trie.goto.length;
  // Renumber: plain states first (the root stays 0), then the skip state, then accepting states.
  const order = [...Array(n).keys()].filter((s) => !trie.accepting[s]);
  const skip = order.length;
  const accepted = [...Array(n).keys()].filter((s) => trie.accepting[s]);
  const id = new Int32Array(n);
  order.forEach((s, i) => (id[s] = i));
  accepted.forEach((s, i) => (id[s] = skip + 1 + i));
  const table = new Int32Array((n + 1) * 256);
  for (let s = 0; s < n; s += 1) {
    const row = id[s]! * 256;
    for (let b = 0; b < 256; b += 1) table[row + b] = trie.accepting[s] ? skip * 256 : id[trie.goto[s]![classes[b]!]!]! * 256;
    table[row + NEWLINE] = 0;
  }
  table.fill(skip * 256, skip * 256, (skip + 1) * 256);
  table[skip * 256 + NEWLINE] = 0;
  return { table, accept: (skip + 1) * 256, matchAll };
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
