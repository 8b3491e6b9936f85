import type { KeywordAutomaton } from "./keyword-automaton.js";
import { scanKeywordLines } from "./scan-keyword-lines.js";

/** What the feeder drives: the line-level excerpt builder. */
export interface LineSink {
  pushLine(raw: string): void;
  /** the text a raw line would be kept as, null when it would be dropped (blank, marker, noise) */
  keptText(raw: string): string | null;
  /**
   * What a keyword line is to the excerpt: `window` opens one (it needs the lines before it),
   * `structure` must be seen but needs nothing around it (a group marker), `skip` is neither.
   */
  weigh(raw: string): "window" | "structure" | "skip";
  /** `lines` raw lines went by unseen (none of them contains a keyword) */
  skip(lines: number): void;
  readonly wantsLines: boolean;
}

export interface FeederOptions {
  /** non-blank lines to show before a keyword line */
  context: number;
  /** raw lines handed over at the end, for the tail */
  tailLines: number;
  /** bytes of one line that are decoded; the rest of a huge line is skipped */
  maxLineBytes: number;
}

/** A run of whole lines: `bytes[start..end)`, the last byte a newline. */
interface Segment {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
  readonly first: number;
  lines: number;
}

const NEWLINE = 10;
const REPEAT_LOOKBACK_CAP = 10_000;

/**
 * Feeds raw log bytes to a LineSink without decoding most of them. The keyword automaton runs over
 * the bytes; only keyword lines, the few lines around them and the last lines of the log are
 * decoded and pushed, the rest is reported with `skip`. Memory: the recent segments needed to
 * look back `context` lines and to hand over the tail, plus one partial line (capped).
 *
 * Ownership: chunks passed to `write` must not be modified afterwards (they are kept, not copied).
 */
export class ByteLineFeeder {
  private delivered = 0;
  /** line numbers of group markers not delivered (yet), ascending */
  private readonly markers: number[] = [];
  private scanned = 0;
  private segments: Segment[] = [];
  private segmentLines = 0;
  private carry: Uint8Array[] = [];
  private carryBytes = 0;
  private readonly hits: number[] = [];
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly sink: LineSink,
    private readonly keywords: KeywordAutomaton,
    private readonly options: FeederOptions,
  ) {}

  write(chunk: Uint8Array): void {
    let from = 0;
    if (this.carry.length > 0) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl === -1) return this.keep(chunk);
      this.keep(chunk.subarray(0, nl));
      const line = this.takeCarry();
      this.addSegment(line, 0, line.length);
      from = nl + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last >= from) {
      this.addSegment(chunk, from, last + 1);
      from = last + 1;
    }
    if (from < chunk.length) this.keep(chunk.subarray(from));
  }

  /** Hands over the last line (without newline) and the tail. */
  end(): void {
    if (this.carry.length > 0) {
      const line = this.takeCarry();
      this.addSegment(line, 0, line.length);
    }
    const last = this.segments.at(-1);
    if (last === undefined) return;
    const tail = this.collectBefore(this.segments.length - 1, last.end, this.scanned, this.options.tailLines, Infinity);
    this.pushCollected(tail);
  }

  private keep(piece: Uint8Array): void {
    const room = this.options.maxLineBytes - this.carryBytes;
    const kept = piece.length > room ? piece.subarray(0, Math.max(0, room)) : piece;
    this.carry.push(kept);
    this.carryBytes += kept.length;
  }

  private takeCarry(): Uint8Array {
    const line = new Uint8Array(this.carryBytes + 1);
    let at = 0;
    for (const piece of this.carry) {
      line.set(piece, at);
      at += piece.length;
    }
    line[at] = NEWLINE;
    this.carry = [];
    this.carryBytes = 0;
    return line;
  }

  private addSegment(bytes: Uint8Array, start: number, end: number): void {
    const segment: Segment = { bytes, start, end, first: this.scanned, lines: 0 };
    this.segments.push(segment);
    const hits = this.hits;
    hits.length = 0;
    if (this.keywords.matchAll) {
      for (let p = start; p < end; p = bytes.indexOf(NEWLINE, p) + 1) hits.push(p, segment.lines++);
    } else {
      segment.lines = scanKeywordLines(this.keywords, bytes, start, end, hits);
    }
    this.scanned += segment.lines;
    this.segmentLines += segment.lines;
    // The after-context of a keyword line at the end of the previous segment continues here.
    if (this.sink.wantsLines && this.delivered === segment.first) this.forward(segment, start, segment.first, false);
    for (let k = 0; k < hits.length; k += 2) {
      const abs = segment.first + hits[k + 1]!;
      if (abs < this.delivered) continue;
      const pos = hits[k]!;
      const lineStart = pos > start ? Math.max(start, bytes.lastIndexOf(NEWLINE, pos - 1) + 1) : start;
      // Many keyword lines explain nothing (a passing test named "handles errors"): skip them.
      const kind = this.sink.weigh(this.decode(bytes, lineStart, bytes.indexOf(NEWLINE, pos)));
      if (kind === "skip") continue;
      // Delivering a marker would stop a later window from looking back past it: note it instead.
      if (kind === "structure") {
        if (!this.sink.wantsLines) {
          this.markers.push(abs);
          continue;
        }
      } else if (kind === "window") this.pushCollected(this.collectBefore(this.segments.length - 1, lineStart, abs, REPEAT_LOOKBACK_CAP, this.options.context));
      this.forward(segment, lineStart, abs, true);
    }
    this.trim();
  }

  /** Pushes the line at `pos` (if `first`) and the following ones while the sink wants them. */
  private forward(segment: Segment, pos: number, abs: number, first: boolean): void {
    let p = pos;
    let a = abs;
    while (p < segment.end && (first || this.sink.wantsLines)) {
      const nl = segment.bytes.indexOf(NEWLINE, p);
      this.pushRaw(a, this.decode(segment.bytes, p, nl));
      p = nl + 1;
      a += 1;
      first = false;
    }
  }

  /**
   * The lines before (`segmentIndex`, `pos`), newest first, back to the last delivered line: at most
   * `max` lines, and only until `kept` lines the sink keeps are in, unless the oldest of those
   * repeats (the repeat count must be right).
   */
  private collectBefore(segmentIndex: number, pos: number, abs: number, max: number, kept: number): Array<[number, string]> {
    const out: Array<[number, string]> = [];
    let index = segmentIndex;
    let p = pos;
    let seen = 0;
    let oldest: string | null = null;
    for (let a = abs - 1; a >= this.delivered && out.length < max; a -= 1) {
      let segment = this.segments[index];
      while (segment !== undefined && p <= segment.start) {
        index -= 1;
        segment = this.segments[index];
        p = segment?.end ?? 0;
      }
      if (segment === undefined) break;
      const lineEnd = p - 1;
      const lineStart = lineEnd > segment.start ? Math.max(segment.start, segment.bytes.lastIndexOf(NEWLINE, lineEnd - 1) + 1) : segment.start;
      const raw = this.decode(segment.bytes, lineStart, lineEnd);
      const text = this.sink.keptText(raw);
      if (seen >= kept && text !== null && text !== oldest) break;
      out.push([a, raw]);
      if (seen < kept && text !== null && (seen += 1) === kept) oldest = text;
      p = lineStart;
    }
    return out;
  }

  private pushCollected(collected: Array<[number, string]>): void {
    for (let i = collected.length - 1; i >= 0; i -= 1) this.pushRaw(collected[i]![0], collected[i]![1]);
  }

  private pushRaw(abs: number, raw: string): void {
    if (abs < this.delivered) return;
    if (abs > this.delivered) {
      // Group markers passed over are no lines of the log: leave them out of the count.
      let markers = 0;
      while (this.markers.length > 0 && this.markers[0]! < abs) {
        this.markers.shift();
        markers += 1;
      }
      if (abs - this.delivered > markers) this.sink.skip(abs - this.delivered - markers);
    }
    if (this.markers[0] === abs) this.markers.shift();
    this.sink.pushLine(raw);
    this.delivered = abs + 1;
  }

  private decode(bytes: Uint8Array, start: number, end: number): string {
    return this.decoder.decode(bytes.subarray(start, Math.min(end, start + this.options.maxLineBytes)));
  }

  // Keeps the segments needed to look back past the newest one and to hand over the tail.
  private trim(): void {
    const need = Math.max(this.options.tailLines, this.options.context * 4) + 1;
    while (this.segments.length > 1 && this.segmentLines - this.segments[0]!.lines >= need) {
      this.segmentLines -= this.segments.shift()!.lines;
    }
  }
}
