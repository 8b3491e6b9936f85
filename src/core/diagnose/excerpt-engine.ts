import type { CauseClass } from "../../schemas/diagnosis.js";
import { ByteLineFeeder, type LineSink } from "./byte-line-feeder.js";
import type { CompiledSignature, CompiledSignatures } from "./compile-signatures.js";
import { detachText, selectWindows, WindowStore, type ExcerptEntry } from "./excerpt-windows.js";
import { LineJudge } from "./line-judge.js";

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
// Byte cap per line before cleaning in the byte path.
const MAX_LINE_BYTES = 16 * 1024;
// An `##[error]` annotation explains at least this much even when no signature knows the tool.
const ANNOTATION_WEIGHT = 0.5;
const MARKER_WEIGHT = 0.2;

/**
 * Streaming failure-excerpt extractor with bounded memory: a ring of the last `context` lines, the
 * best few windows, the tail, and the last MAX_MATCHES matches; never the whole log. Feed it lines
 * (`push`) or raw bytes (`pushBytes`, faster: only keyword lines are decoded), not both.
 */
export class ExcerptBuilder {
  private readonly maxLines: number;
  private readonly context: number;
  private readonly windows: WindowStore;
  private readonly judge: LineJudge;
  private ring: ExcerptEntry[] = [];
  private readonly tail: ExcerptEntry[] = [];
  private readonly matches: ExcerptMatch[] = [];
  private last: ExcerptEntry | null = null;
  private marker: ExcerptEntry | null = null;
  private lineNo = 0;
  private seq = 0;
  private feeder: ByteLineFeeder | null = null;
  private mode: "lines" | "bytes" | null = null;

  constructor(
    private readonly signatures: CompiledSignatures,
    options: ExcerptOptions = {},
  ) {
    this.maxLines = Math.max(1, options.maxLines ?? 40);
    this.context = Math.max(0, options.context ?? 3);
    this.windows = new WindowStore({ context: this.context, maxLines: this.maxLines, maxWindows: options.maxWindows ?? 8 });
    this.judge = new LineJudge(signatures);
  }

  /** One raw log line, without its newline. */
  push(line: string): void {
    this.use("lines");
    this.pushLine(line);
  }

  /** Raw log bytes, split anywhere (even inside a UTF-8 character). The chunk must not be reused. */
  pushBytes(chunk: Uint8Array): void {
    this.use("bytes");
    const windows = this.windows;
    const sink: LineSink = {
      pushLine: (raw) => this.pushLine(raw),
      keptText: (raw) => this.judge.keptText(raw),
      weigh: (raw) => this.judge.weigh(raw),
      skip: (n) => this.skip(n),
      get wantsLines() {
        return windows.wantsLines;
      },
    };
    this.feeder ??= new ByteLineFeeder(sink, this.signatures.keywords,
      { context: this.context, tailLines: this.maxLines * 2, maxLineBytes: MAX_LINE_BYTES },
    );
    // Plain Uint8Array views keep the feeder's loops monomorphic (Buffers are a subclass).
    this.feeder.write(chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }

  /** The excerpt; `inputTruncated` when the log was cut before its end (download cap). */
  finish(options: { inputTruncated?: boolean } = {}): ExcerptResult {
    this.feeder?.end();
    this.feeder = null;
    const windows = this.windows.all();
    const marker = this.marker;
    if (marker !== null && !windows.some((w) => w.entries.includes(marker))) {
      const next = windows.findIndex((w) => w.entries[0]!.seq > marker.seq);
      windows.splice(next === -1 ? windows.length : next, 0, { entries: [marker], weight: marker.weight, trimmed: false });
    }
    const base = { matches: this.matches.slice(-MAX_MATCHES), totalLines: this.lineNo };
    if (windows.length === 0) {
      const first = this.tail[0];
      return { ...base, lines: this.tail.map(render), startLine: first?.line ?? 1, truncated: options.inputTruncated ?? false };
    }
    const selection = selectWindows(windows, this.maxLines, this.context);
    const first = selection.entries.find((e) => e !== null);
    return {
      ...base,
      lines: selection.entries.map((e) => (e === null ? GAP : render(e))),
      startLine: first?.line ?? 1,
      truncated: selection.truncated || this.windows.droppedWindows || (options.inputTruncated ?? false),
    };
  }

  private use(mode: "lines" | "bytes"): void {
    if (this.mode !== null && this.mode !== mode) throw new Error("ExcerptBuilder takes lines or bytes, not both");
    this.mode = mode;
    this.windows.detach = mode === "lines";
  }

  private skip(lines: number): void {
    this.lineNo += lines;
    this.seq += 1;
    this.ring = [];
    this.last = null;
  }

  private pushLine(raw: string): void {
    const { view, candidates } = this.judge.take(raw);
    if (view.kind === "structure") return;
    this.lineNo += 1;
    if (view.kind === "hidden") return;
    const { text, subject, annotated } = view;
    const last = this.last;
    if (last !== null && last.text === text && last.seq === this.seq) {
      last.count += 1;
      return;
    }
    if (this.judge.isNoise(subject, candidates)) return;
    const marker = this.judge.isMarker(subject, annotated, candidates);
    const weight = Math.max(this.record(this.judge.matching(subject, candidates), text), annotated ? ANNOTATION_WEIGHT : 0, marker ? MARKER_WEIGHT : 0);
    this.seq += 1;
    const entry: ExcerptEntry = { text, line: this.lineNo, seq: this.seq, count: 1, weight, marker };
    if (marker) this.marker = entry;
    if (weight > 0) this.windows.explain(entry, this.ring);
    else if (this.windows.wantsLines) this.windows.follow(entry, this.judge.isContext(subject));
    this.ring.push(entry);
    if (this.ring.length > this.context) this.ring.shift();
    this.tail.push(entry);
    if (this.tail.length > this.maxLines) this.tail.shift();
    this.last = entry;
  }

  /** Records the matches of a line (the last MAX_MATCHES are kept); returns the strongest weight. */
  private record(signatures: readonly CompiledSignature[], text: string): number {
    let best = 0;
    for (const s of signatures) {
      best = Math.max(best, s.weight);
      this.matches.push({ signatureId: s.id, cause: s.cause, weight: s.weight, line: this.lineNo, text: this.mode === "lines" ? detachText(text) : text });
    }
    if (this.matches.length > MAX_MATCHES * 2) this.matches.splice(0, this.matches.length - MAX_MATCHES);
    return best;
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

/**
 * The excerpt of a streamed log; a stream with `capped: true` (download cap reached) is truncated.
 * A stream that offers `batches()` (decodeLogLines does) is read a batch at a time.
 */
export const extractExcerptFromLines = async (
  lines: AsyncIterable<string> & { readonly capped?: boolean; readonly batches?: () => AsyncIterable<readonly string[]> },
  signatures: CompiledSignatures,
  options: ExcerptOptions = {},
): Promise<ExcerptResult> => {
  const builder = new ExcerptBuilder(signatures, options);
  if (typeof lines.batches === "function") {
    for await (const batch of lines.batches()) for (const line of batch) builder.push(line);
  } else {
    for await (const line of lines) builder.push(line);
  }
  return builder.finish({ inputTruncated: lines.capped === true });
};

/** The excerpt of a log read as raw bytes (a file or HTTP body): the fast path. */
export const extractExcerptFromBytes = async (
  chunks: AsyncIterable<Uint8Array>,
  signatures: CompiledSignatures,
  options: ExcerptOptions = {},
): Promise<ExcerptResult> => {
  const builder = new ExcerptBuilder(signatures, options);
  for await (const chunk of chunks) builder.pushBytes(chunk);
  return builder.finish();
};
