import type { RawLine } from "./byte-line-feeder.js";
import { ByteKeyTable } from "./byte-key-table.js";
import type { JudgedLine, KeptView, LineJudge, Weighed } from "./line-judge.js";

/** A judged line with the verdicts worked out for it so far. */
export interface KnownLine extends JudgedLine {
  noise: boolean | undefined;
  weighed: Weighed | undefined;
}

/** Decodes raw line bytes, up to a byte cap; `hidden` UTF-16 units were already cut off. */
export type DecodeLine = (bytes: Uint8Array, start: number, end: number, hidden: number) => RawLine;

// Longer lines are judged afresh each time: rare, and costly to keep.
const MAX_KEY_BYTES = 512;
// Lines remembered before the table starts over, and the bytes their keys may take.
const MAX_KNOWN = 4096;
const MAX_KEY_TOTAL = 512 * 1024;
const PLAIN = 0;
const STAMPED = 1;
// Character codes of a timestamp's first 19 characters, -1 for a digit (as timestampLength reads).
const SHAPE = Int16Array.from("dddd-dd-ddTdd:dd:dd", (c) => (c === "d" ? -1 : c.charCodeAt(0)));
const isDigit = (b: number): boolean => b >= 48 && b <= 57;

/** The byte after the `Z` of the timestamp that starts `bytes[start..end)`, -1 if there is none. */
export const stampEnd = (bytes: Uint8Array, start: number, end: number): number => {
  if (end - start <= SHAPE.length || bytes[start + 4] !== 45 || bytes[start + 10] !== 84) return -1;
  for (let i = 0; i < SHAPE.length; i += 1) {
    const want = SHAPE[i]!;
    const b = bytes[start + i]!;
    if (want === -1 ? !isDigit(b) : b !== want) return -1;
  }
  let at = start + SHAPE.length;
  if (bytes[at] === 46 && at + 1 < end && isDigit(bytes[at + 1]!)) {
    at += 2;
    while (at < end && isDigit(bytes[at]!)) at += 1;
  }
  return at < end && bytes[at] === 90 ? at + 1 : -1;
};

/**
 * The verdicts of recent keyword lines, by their bytes after the timestamp. CI logs repeat lines
 * (progress, retries, passing tests that mention an error), and a repeat then costs a lookup of
 * its bytes instead of a decoding, a cleaning, a literal scan and regular expressions. A line's
 * verdict depends on those bytes alone: cleaning drops a timestamp the same way whatever its
 * digits. The whitespace after the `Z` is part of the key (with or without it the cleaned line
 * starts differently), and lines with and without a timestamp are kept apart (" x" alone is not
 * " x" after a timestamp, which eats the space).
 */
export class KnownLines {
  private readonly table = new ByteKeyTable<KnownLine>(MAX_KNOWN, MAX_KEY_TOTAL);

  constructor(private readonly judge: LineJudge) {}

  /** The judged line `bytes[start..end)`; `hidden` UTF-16 units were cut off it (a giant line, never kept). */
  line(bytes: Uint8Array, start: number, end: number, hidden: number, decode: DecodeLine): KnownLine {
    if (hidden !== 0 || end - start > MAX_KEY_BYTES) return this.judged(decode(bytes, start, end, hidden));
    const stamp = stampEnd(bytes, start, end);
    const tag = stamp === -1 ? PLAIN : STAMPED;
    const from = stamp === -1 ? start : stamp;
    const known = this.table.get(tag, bytes, from, end);
    if (known !== undefined) return known;
    const line = this.judged(decode(bytes, start, end, 0));
    this.table.set(tag, bytes, from, end, line);
    return line;
  }

  /** A line judged without looking it up (lines read again from the reader: few). */
  judged({ raw, hidden }: RawLine): KnownLine {
    const { view, candidates } = this.judge.judge(raw, hidden);
    return { view, candidates, noise: undefined, weighed: undefined };
  }

  /** Whether a line is noise (group markers, blank and debug lines are not: they are no kept lines). */
  isNoise(line: KnownLine): boolean {
    if (line.noise === undefined) line.noise = line.view.kind === "line" && this.judge.isNoise(line.view.subject, line.candidates);
    return line.noise;
  }

  weigh(line: KnownLine, view: KeptView): Weighed {
    return (line.weighed ??= this.judge.weigh(view, line.candidates));
  }
}
