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
  completeAutomaton(goto, width, (s, f) => {
    for (const sig of out[f]!) out[s]!.add(sig);
  });
  // States with outputs are numbered last, so the scan tests `state >= firstOutput` per byte.
  const order = [...goto.keys()].sort((a, b) => Number(out[a]!.size > 0) - Number(out[b]!.size > 0) || a - b);
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
  const encoder = new TextEncoder();
  let buffer = new Uint8Array(4096);
  let generation = 0;
  return {
    candidates(text) {
      if (text.length * 3 > buffer.length) buffer = new Uint8Array(text.length * 3);
      const { written } = encoder.encodeInto(text, buffer);
      generation += 1;
      const found = always.length === 0 ? [] : [...always];
      for (const i of always) seen[i] = generation;
      let s = 0;
      for (let i = 0; i < written; i += 1) {
        s = table[s + classes[buffer[i]!]!]!;
        if (s < firstOutput) continue;
        for (const sig of outputs[s / width]!) {
          if (seen[sig] === generation) continue;
          seen[sig] = generation;
          found.push(sig);
        }
      }
      return found.length > 1 ? found.sort((a, b) => a - b) : found;
    },
  };
};
