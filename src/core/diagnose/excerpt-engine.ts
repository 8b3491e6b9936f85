import type { CauseClass } from "../../schemas/diagnosis.js";
import { ByteLineFeeder, type KeywordLineSink, type RawLine } from "./byte-line-feeder.js";
import type { CompiledSignatures } from "./compile-signatures.js";
import { RegionStore, type Region } from "./excerpt-regions.js";
import { FeedBlocks } from "./feed-blocks.js";
import { KnownLines } from "./known-lines.js";
import { RecentMatches } from "./recent-matches.js";
import { selectWindows, type ExcerptEntry, type ExcerptWindow } from "./excerpt-windows.js";
import { LineJudge } from "./line-judge.js";
import { WindowReplay } from "./window-replay.js";

export interface ExcerptOptions {
  /** most lines in the excerpt (gaps between windows, shown as "…", count) */
  maxLines?: number;
  /** lines kept before and after each explaining line */
  context?: number;
  /** most windows remembered while streaming */
  maxWindows?: number;
}

export interface ExcerptMatch {
  signatureId: string;
  cause: CauseClass;
  weight: number;
  /** 1-based line number in the cleaned log */
  line: number;
  text: string;
}

export interface ExcerptResult {
  lines: string[];
  /** 1-based line number of the first excerpt line in the cleaned log */
  startLine: number;
  /** lines that explain the failure were left out (or the log itself was cut) */
  truncated: boolean;
  /** explaining matches, oldest first (the last MAX_MATCHES of them) */
  matches: ExcerptMatch[];
  /** lines in the cleaned log (group markers are not lines) */
  totalLines: number;
}

export const MAX_MATCHES = 500;
export const GAP = "…";
// Byte cap per line: the rest of a giant line is counted, not decoded.
const MAX_LINE_BYTES = 16 * 1024;
// Lines between two equal lines that are read to tell whether the second repeats the first.
const REPEAT_GAP = 64;
// The longest run of raw lines one region spans; a longer run of errors keeps its end.
const MAX_REGION_LINES = 10_000;

/**
 * Streaming failure-excerpt extractor with bounded memory; never the whole log. Raw bytes are
 * scanned for keywords and only keyword lines are decoded and judged: their matches are recorded
 * and each explaining line marks a region of raw lines around it. The best few regions are kept
 * (a region costs two numbers until the reader forgets its lines, then a copy of them), and only
 * when the log ends are their windows built, line by line, by WindowReplay. A window's context is
 * looked for inside its region: 4 × (context + 1) raw lines before an explaining line and twice
 * that after it, noise and blank lines included. Feed it lines (`push`) or raw bytes
 * (`pushBytes`, faster: lines are encoded to bytes), not both.
 */
export class ExcerptBuilder implements KeywordLineSink {
  private readonly maxLines: number;
  private readonly context: number;
  private readonly judge: LineJudge;
  private readonly known: KnownLines;
  private readonly regions: RegionStore;
  private readonly feeder: ByteLineFeeder;
  private readonly matches = new RecentMatches(MAX_MATCHES);
  /** raw line indices of recent group markers (not lines of the cleaned log), ascending */
  private readonly structures: number[] = [];
  private structureCount = 0;
  private lastKept: { index: number; text: string; weight: number } | null = null;
  private marker: { index: number; line: number; text: string; weight: number } | null = null;
  private readonly blocks: FeedBlocks;
  private mode: "lines" | "bytes" | null = null;
  private readonly lineBeforeFn = (index: number): number => this.lineBefore(index);

  constructor(
    private readonly signatures: CompiledSignatures,
    options: ExcerptOptions = {},
  ) {
    this.maxLines = Math.max(1, options.maxLines ?? 40);
    this.context = Math.max(0, options.context ?? 3);
    this.judge = new LineJudge(signatures);
    this.known = new KnownLines(this.judge);
    const before = 4 * (this.context + 1);
    this.regions = new RegionStore({ before, after: 2 * before, maxSpan: MAX_REGION_LINES, maxRegions: options.maxWindows ?? 8 });
    const keepLines = Math.max(this.maxLines * 2, before, REPEAT_GAP) + 1;
    this.feeder = new ByteLineFeeder(this, signatures.keywords, { keepLines, maxLineBytes: MAX_LINE_BYTES });
    this.blocks = new FeedBlocks((bytes) => this.feeder.write(bytes));
  }

  /** One raw log line, without its newline. */
  push(line: string): void {
    this.use("lines");
    this.blocks.line(line);
  }

  /**
   * Raw log bytes, split anywhere (even inside a UTF-8 character). A chunk of 256 KB or more is
   * kept, not copied, and must not be reused; smaller ones are copied.
   */
  pushBytes(chunk: Uint8Array): void {
    this.use("bytes");
    this.blocks.bytes(chunk);
  }

  /**
   * The excerpt. `inputTruncated`: part of the log was not read. `cutAtEnd`: reading stopped at a
   * byte budget, so the bytes after the last newline are a cut line, left out (implies truncated).
   */
  finish(options: { inputTruncated?: boolean; cutAtEnd?: boolean } = {}): ExcerptResult {
    this.blocks.flush();
    this.feeder.end(options.cutAtEnd === true);
    const inputTruncated = options.inputTruncated === true || options.cutAtEnd === true;
    const total = this.feeder.lines;
    const base = { matches: this.matches.list(), totalLines: total - this.structureCount };
    const windows = this.regions.all().flatMap((region) => this.windowsOf(region, total));
    this.placeMarker(windows);
    if (windows.length === 0) {
      const tail = this.tailEntries(total);
      return { ...base, lines: tail.map(render), startLine: tail[0]?.line ?? 1, truncated: inputTruncated };
    }
    const selection = selectWindows(windows, this.maxLines, this.context);
    const first = selection.entries.find((e) => e !== null);
    return {
      ...base,
      lines: selection.entries.map((e) => (e === null ? GAP : render(e))),
      startLine: first?.line ?? 1,
      truncated: selection.truncated || this.regions.droppedRegions || inputTruncated,
    };
  }

  /** KeywordLineSink: a line with a keyword, judged once. */
  keywordLine(index: number, bytes: Uint8Array, start: number, end: number, hidden: number): void {
    const known = this.known.line(bytes, start, end, hidden, this.feeder.decodeLine);
    const view = known.view;
    if (view.kind === "structure") {
      this.structures.push(index);
      this.structureCount += 1;
      return;
    }
    if (view.kind === "hidden") return;
    const last = this.lastKept;
    if (last !== null && this.repeats(last, index, view.text)) {
      // A repeat is counted on the first line; the region must still reach it.
      last.index = index;
      if (last.weight > 0) this.regions.explain(index, last.weight, this.feeder.oldest, this.lineBeforeFn);
      return;
    }
    if (this.known.isNoise(known)) return;
    const { weight, marker, matches } = this.known.weigh(known, view);
    this.lastKept = { index, text: view.text, weight };
    const line = index + 1 - this.structureCount;
    this.matches.add(matches, line, view.text);
    if (marker) this.marker = { index, line, text: view.text, weight };
    if (weight > 0) this.regions.explain(index, weight, this.feeder.oldest, this.lineBeforeFn);
  }

  /** KeywordLineSink: copies what kept regions still need before the feeder forgets it. */
  forget(first: number, end: number, bytes: Uint8Array): void {
    this.regions.capture(first, end, (a, b) => this.feeder.rawLines(a, b));
    this.blocks.release(bytes);
    const keepFrom = end - MAX_REGION_LINES;
    while (this.structures.length > 0 && this.structures[0]! < keepFrom) this.structures.shift();
  }

  private use(mode: "lines" | "bytes"): void {
    if (this.mode !== null && this.mode !== mode) throw new Error("ExcerptBuilder takes lines or bytes, not both");
    this.mode = mode;
  }

  /** Cleaned-log line number of the line before raw line `index` (group markers are no lines). */
  private lineBefore(index: number): number {
    let after = 0;
    for (let k = this.structures.length - 1; k >= 0 && this.structures[k]! >= index; k -= 1) after += 1;
    return index - (this.structureCount - after);
  }

  /**
   * Whether a kept line repeats the last kept one: the same text, and every line between them
   * blank, a group marker or noise (read again from the reader: rare, equal lines are near).
   */
  private repeats(last: { index: number; text: string }, index: number, text: string): boolean {
    if (last.text !== text || index - last.index > REPEAT_GAP || last.index + 1 < this.feeder.oldest) return false;
    return this.feeder.rawLines(last.index + 1, index).every((raw) => {
      const known = this.known.judged(raw);
      return known.view.kind !== "line" || this.known.isNoise(known);
    });
  }

  /** Replays raw lines `[first, end)`: the `captured` copies of the first ones, then the reader's. */
  private replay(first: number, end: number, lineBefore: number, captured: readonly RawLine[] = []): WindowReplay {
    const replay = new WindowReplay(this.judge, { context: this.context, maxLines: this.maxLines, lineBefore, seqBefore: first });
    for (const raw of captured) replay.push(this.known.judged(raw));
    for (const raw of this.feeder.rawLines(first + captured.length, end)) replay.push(this.known.judged(raw));
    return replay;
  }

  private windowsOf(region: Region, total: number): ExcerptWindow[] {
    const windows = this.replay(region.first, Math.min(region.last + 1, total), region.lineBefore, region.captured).all();
    if (region.trimmed && windows.length > 0) windows[0]!.trimmed = true;
    return windows;
  }

  // The last marker is always shown, even when its region was dropped.
  private placeMarker(windows: ExcerptWindow[]): void {
    const marker = this.marker;
    if (marker === null || windows.some((w) => w.entries.some((e) => e.line === marker.line))) return;
    const entry: ExcerptEntry = { text: marker.text, line: marker.line, seq: marker.index + 1, count: 1, weight: marker.weight, marker: true };
    const next = windows.findIndex((w) => w.entries[0]!.seq > entry.seq);
    windows.splice(next === -1 ? windows.length : next, 0, { entries: [entry], weight: entry.weight, trimmed: false });
  }

  private tailEntries(total: number): ExcerptEntry[] {
    const first = Math.max(this.feeder.oldest, total - this.maxLines * 2);
    return this.replay(first, total, this.lineBefore(first)).tail();
  }
}

const render = (e: ExcerptEntry): string => (e.count > 1 ? `${e.text} (repeated ${e.count} times)` : e.text);

/** The excerpt of a whole log held in memory. */
export const extractExcerptFromText = (text: string, signatures: CompiledSignatures, options: ExcerptOptions = {}): ExcerptResult => {
  const builder = new ExcerptBuilder(signatures, options);
  let start = 0;
  for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
    builder.push(text.slice(start, nl));
    start = nl + 1;
  }
  if (start < text.length) builder.push(text.slice(start));
  return builder.finish();
};

/** The excerpt of a streamed log of lines; a stream with `capped: true` (cut short) is truncated. */
export const extractExcerptFromLines = async (
  lines: AsyncIterable<string> & { readonly capped?: boolean },
  signatures: CompiledSignatures,
  options: ExcerptOptions = {},
): Promise<ExcerptResult> => {
  const builder = new ExcerptBuilder(signatures, options);
  for await (const line of lines) builder.push(line);
  return builder.finish({ inputTruncated: lines.capped === true });
};

/**
 * The excerpt of a log read as raw bytes (a file or HTTP body): the fast path. A stream that says
 * it is `capped` (stopped at its byte budget) ends with a cut line, which is left out; one whose
 * `startMissing` began mid-log. Either way the excerpt is truncated.
 */
export const extractExcerptFromBytes = async (
  chunks: AsyncIterable<Uint8Array> & { readonly capped?: boolean; readonly startMissing?: boolean },
  signatures: CompiledSignatures,
  options: ExcerptOptions = {},
): Promise<ExcerptResult> => {
  const builder = new ExcerptBuilder(signatures, options);
  for await (const chunk of chunks) builder.pushBytes(chunk);
  return builder.finish({ inputTruncated: chunks.startMissing === true, cutAtEnd: chunks.capped === true });
};
