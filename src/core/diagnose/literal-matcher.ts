import { completeAutomaton } from "./aho-corasick-links.js";

/**
 * Which signatures can match a line, found in one pass over it: an Aho–Corasick automaton over the
 * UTF-8 bytes of the line (ASCII case folded) whose states carry the signatures whose literals end
 * there. A keyword line is then tested against its few candidate regular expressions instead of
 * checking every signature's literals with `includes` (150 signatures × 3 literals per line).
 */
export interface LiteralMatcher {
  /** indices of the candidate signatures, ascending (signatures without literals always included) */
  candidates(text: string): number[];
}

const fold = (b: number): number => (b >= 65 && b <= 90 ? b + 32 : b);

interface Built {
  classes: Uint8Array;
  width: number;
  table: Int32Array;
  outputs: Int32Array[];
  /** premultiplied number of the first state with outputs */
  firstOutput: number;
}

const build = (literals: readonly (readonly string[] | null)[]): Built => {
  const encoder = new TextEncoder();
  const classes = new Uint8Array(256);
  let width = 1;
  const entries = literals.flatMap((ls, sig) => (ls ?? []).map((l) => ({ bytes: encoder.encode(l), sig })));
  for (const { bytes } of entries) {
    for (const b of bytes) {
      if (classes[b] !== 0) continue;
      classes[b] = width;
      if (b >= 97 && b <= 122) classes[b - 32] = width;
      width += 1;
    }
  }
  const goto: Int32Array[] = [new Int32Array(width).fill(-1)];
  const out: Set<number>[] = [new Set()];
  for (const { bytes, sig } of entries) {
    let s = 0;
    for (const b of bytes) {
      const c = classes[fold(b)]!;
      if (goto[s]![c] === -1) {
        goto[s]![c] = goto.length;
        goto.push(new Int32Array(width).fill(-1));
        out.push(new Set());
      }
      s = goto[s]![c]!;
    }
    out[s]!.add(sig);
  }
  // a state also outputs what its failure state outputs
  const breadthFirst = [0];
  completeAutomaton(goto, width, (s, f) => {
    for (const sig of out[f]!) out[s]!.add(sig);
    breadthFirst.push(s);
  });
  // States with outputs are numbered last, so the scan tests `state >= firstOutput` per byte;
  // breadth-first order keeps the shallow states a scan visits most together in memory.
  const order = [...breadthFirst.filter((s) => out[s]!.size === 0), ...breadthFirst.filter((s) => out[s]!.size > 0)];
  const id = new Int32Array(goto.length);
  order.forEach((s, i) => (id[s] = i));
  const table = new Int32Array(goto.length * width);
  goto.forEach((row, s) => row.forEach((t, c) => (table[id[s]! * width + c] = id[t]! * width)));
  const firstOutput = order.findIndex((s) => out[s]!.size > 0);
  const outputs = order.map((s) => Int32Array.from(out[s]!));
  return { classes, width, table, outputs, firstOutput: firstOutput === -1 ? Infinity : firstOutput * width };
};

/** A matcher for signatures given by their literals (lower-case); `null`: the signature has none. */
export const buildLiteralMatcher = (literals: readonly (readonly string[] | null)[]): LiteralMatcher => {
  const { classes, width, table, outputs, firstOutput } = build(literals);
  const always = literals.flatMap((l, i) => (l === null ? [i] : []));
  const seen = new Uint32Array(literals.length);
  let generation = 0;
  let found: number[] = [];
  const collect = (s: number): void => {
    for (const sig of outputs[s / width]!) {
      if (seen[sig] === generation) continue;
      seen[sig] = generation;
      found.push(sig);
    }
  };
  const step = (s: number, byte: number): number => {
    const next = table[s + classes[byte]!]!;
    if (next >= firstOutput) collect(next);
    return next;
  };
  return {
    // Walks the UTF-16 text as the UTF-8 bytes TextEncoder would write, without writing them.
    candidates(text) {
      generation += 1;
      found = always.length === 0 ? [] : [...always];
      for (const i of always) seen[i] = generation;
      let s = 0;
      const n = text.length;
      for (let i = 0; i < n; i += 1) {
        const c = text.charCodeAt(i);
        if (c < 0x80) {
          s = table[s + classes[c]!]!;
          if (s >= firstOutput) collect(s);
        } else if (c < 0x800) {
          s = step(step(s, 0xc0 | (c >> 6)), 0x80 | (c & 63));
        } else {
          const low = c >= 0xd800 && c < 0xdc00 ? text.charCodeAt(i + 1) : 0;
          if (low >= 0xdc00 && low < 0xe000) {
            const p = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
            s = step(step(step(step(s, 0xf0 | (p >> 18)), 0x80 | ((p >> 12) & 63)), 0x80 | ((p >> 6) & 63)), 0x80 | (p & 63));
            i += 1;
          } else {
            // A lone surrogate is written as U+FFFD.
            const q = c >= 0xd800 && c < 0xe000 ? 0xfffd : c;
            s = step(step(step(s, 0xe0 | (q >> 12)), 0x80 | ((q >> 6) & 63)), 0x80 | (q & 63));
          }
        }
      }
      return sortSmall(found);
    },
  };
};

// Insertion sort: candidates are a handful, and Array#sort allocates a work array per call.
const sortSmall = (xs: number[]): number[] => {
  for (let i = 1; i < xs.length; i += 1) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && xs[j]! > x) {
      xs[j + 1] = xs[j]!;
      j -= 1;
    }
    xs[j + 1] = x;
  }
  return xs;
};
