import type { KeywordAutomaton } from "./keyword-automaton.js";
import { decodeUtf8, indexOfByte, lastIndexOfByte } from "./native-bytes.js";
import { KeywordHits } from "./keyword-hits.js";
import { scanKeywordLines } from "./scan-keyword-lines.js";

/** One raw line, decoded up to the byte cap; `hidden` UTF-16 units were cut off its end. */
export interface RawLine {
  readonly raw: string;
  readonly hidden: number;
}

/** What the feeder drives: told about keyword lines, and about lines before it forgets them. */
export interface KeywordLineSink {
  /**
   * A line (0-based raw line index `index`) that contains a keyword, in order: `bytes[start..end)`
   * without its newline, `hidden` UTF-16 units already cut off its end. `decodeLine` reads it.
   */
  keywordLine(index: number, bytes: Uint8Array, start: number, end: number, hidden: number): void;
  /**
   * Raw lines `[first, end)` are about to be forgotten: copy what is still needed. `bytes`, the
   * chunk that held them, is not read again by the feeder.
   */
  forget(first: number, end: number, bytes: Uint8Array): void;
}

export interface FeederOptions {
  /** raw lines always kept, counted back from the newest one */
  keepLines: number;
  /** bytes of one line that are decoded; the rest of a huge line is skipped */
  maxLineBytes: number;
}

/** A run of whole lines: `bytes[start..end)`, the last byte a newline. */
interface Segment {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
  /** raw line index of its first line */
  readonly first: number;
  lines: number;
  /** UTF-16 units cut off its single line when it was joined from pieces past the byte cap */
  readonly hidden: number;
}

const NEWLINE = 10;

/** UTF-16 units of UTF-8 bytes: one per character, two for characters past U+FFFF. */
const utf16Units = (bytes: Uint8Array, start: number, end: number): number => {
  let units = 0;
  for (let i = start; i < end; i += 1) {
    const b = bytes[i]!;
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
};

/**
 * Splits raw log bytes into lines without decoding them: the keyword automaton runs over the
 * bytes and only the lines that contain a keyword are decoded and handed over. The recent lines
 * stay readable (`rawLines`) for whoever needs what surrounds a keyword line; older ones are
 * forgotten a chunk at a time, after the sink was told. Memory: the chunks holding the last
 * `keepLines` lines, plus one partial line (capped).
 *
 * Ownership: chunks passed to `write` must not be modified afterwards (they are kept, not copied).
 */
export class ByteLineFeeder {
  private scanned = 0;
  private segments: Segment[] = [];
  private segmentLines = 0;
  private carry: Uint8Array[] = [];
  private carryBytes = 0;
  private carryHidden = 0;
  private readonly hits = new KeywordHits();

  constructor(
    private readonly sink: KeywordLineSink,
    private readonly keywords: KeywordAutomaton,
    private readonly options: FeederOptions,
  ) {}

  /** Raw lines seen so far. */
  get lines(): number {
    return this.scanned;
  }

  /** The first raw line still readable. */
  get oldest(): number {
    return this.segments[0]?.first ?? this.scanned;
  }

  write(chunk: Uint8Array): void {
    let from = 0;
    if (this.carry.length > 0) {
      const nl = indexOfByte(chunk, NEWLINE, 0);
      if (nl === -1) return this.keep(chunk);
      this.keep(chunk.subarray(0, nl));
      this.addCarry();
      from = nl + 1;
    }
    const last = lastIndexOfByte(chunk, NEWLINE, chunk.length - 1);
    if (last >= from) {
      this.addSegment({ bytes: chunk, start: from, end: last + 1, first: this.scanned, lines: 0, hidden: 0 });
      from = last + 1;
    }
    if (from < chunk.length) this.keep(chunk.subarray(from));
  }

  /** Takes the last line, which has no newline; `dropCut`: the input was cut, that line is not whole. */
  end(dropCut = false): void {
    if (this.carry.length === 0) return;
    if (!dropCut) return this.addCarry();
    this.carry = [];
    this.carryBytes = 0;
    this.carryHidden = 0;
  }

  /** Raw lines `[first, end)`; all of them must still be readable. */
  rawLines(first: number, end: number): RawLine[] {
    const out: RawLine[] = [];
    for (const segment of this.segments) {
      const segmentEnd = segment.first + segment.lines;
      if (segmentEnd <= first || segment.first >= end) continue;
      let pos = this.lineStart(segment, Math.max(first, segment.first));
      for (let line = Math.max(first, segment.first); line < Math.min(end, segmentEnd); line += 1) {
        const nl = indexOfByte(segment.bytes, NEWLINE, pos);
        out.push(this.decodeLine(segment.bytes, pos, nl, segment.hidden));
        pos = nl + 1;
      }
    }
    return out;
  }

  // The byte where raw line `line` of the segment starts, walking from the nearer end.
  private lineStart(segment: Segment, line: number): number {
    const { bytes, start, end, first, lines } = segment;
    let pos = start;
    if (line - first <= lines / 2) {
      for (let l = first; l < line; l += 1) pos = indexOfByte(bytes, NEWLINE, pos) + 1;
      return pos;
    }
    pos = end;
    for (let l = first + lines; l > line; l -= 1) pos = Math.max(start, lastIndexOfByte(bytes, NEWLINE, pos - 2) + 1);
    return pos;
  }

  private keep(piece: Uint8Array): void {
    const room = this.options.maxLineBytes - this.carryBytes;
    if (piece.length > room) this.carryHidden += utf16Units(piece, Math.max(0, room), piece.length);
    const kept = piece.length > room ? piece.subarray(0, Math.max(0, room)) : piece;
    this.carry.push(kept);
    this.carryBytes += kept.length;
  }

  private addCarry(): void {
    const line = new Uint8Array(this.carryBytes + 1);
    let at = 0;
    for (const piece of this.carry) {
      line.set(piece, at);
      at += piece.length;
    }
    line[at] = NEWLINE;
    const hidden = this.carryHidden;
    this.carry = [];
    this.carryBytes = 0;
    this.carryHidden = 0;
    this.addSegment({ bytes: line, start: 0, end: line.length, first: this.scanned, lines: 0, hidden });
  }

  private addSegment(segment: Segment): void {
    const { bytes, start, end } = segment;
    this.segments.push(segment);
    const hits = this.hits;
    if (this.keywords.matchAll) {
      hits.clear();
      for (let p = start; p < end; p = hits.ends[hits.length - 1]! + 1) hits.addLine(p, segment.lines++, p, indexOfByte(bytes, NEWLINE, p));
    } else {
      segment.lines = scanKeywordLines(this.keywords, bytes, start, end, hits);
    }
    this.scanned += segment.lines;
    this.segmentLines += segment.lines;
    for (let k = 0; k < hits.length; k += 1) this.sink.keywordLine(segment.first + hits.lines[k]!, bytes, hits.starts[k]!, hits.ends[k]!, segment.hidden);
    this.trim();
  }

  /** Line bytes `bytes[start..end)` decoded up to the byte cap; `hidden` units were cut off before. */
  readonly decodeLine = (bytes: Uint8Array, start: number, end: number, hidden: number): RawLine => {
    const cut = start + this.options.maxLineBytes;
    if (end <= cut) return { raw: decodeUtf8(bytes, start, end), hidden };
    return { raw: decodeUtf8(bytes, start, cut), hidden: hidden + utf16Units(bytes, cut, end) };
  };

  // Forgets the oldest chunks while the newer ones hold `keepLines` lines.
  private trim(): void {
    while (this.segments.length > 1 && this.segmentLines - this.segments[0]!.lines >= this.options.keepLines) {
      const oldest = this.segments[0]!;
      this.sink.forget(oldest.first, oldest.first + oldest.lines, oldest.bytes);
      this.segments.shift();
      this.segmentLines -= oldest.lines;
    }
  }
}
