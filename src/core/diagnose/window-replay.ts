import { WindowStore, type ExcerptEntry, type ExcerptWindow } from "./excerpt-windows.js";
import type { JudgedLine, LineJudge } from "./line-judge.js";

export interface ReplayOptions {
  /** lines kept before and after each explaining line */
  context: number;
  /** most entries one window keeps */
  maxLines: number;
  /** cleaned-log line number of the line before the first one pushed */
  lineBefore: number;
  /** sequence number before the first kept line: keeps entries of different replays ordered */
  seqBefore: number;
}

/**
 * The excerpt windows of a run of consecutive raw log lines, line by line: blank and `##[debug]`
 * lines count but are not shown, group markers do not count, noise is dropped, repeats collapse,
 * an explaining line opens a window with the `context` kept lines before it, and the lines after
 * it follow (stack frames and other context lines for free, up to a limit). Keeps every window it
 * builds, the last `maxLines` kept lines (the tail) and the last marker.
 */
export class WindowReplay {
  private readonly windows: WindowStore;
  private ring: ExcerptEntry[] = [];
  private readonly tailEntries: ExcerptEntry[] = [];
  private last: ExcerptEntry | null = null;
  private lineNo: number;
  private seq: number;
  marker: ExcerptEntry | null = null;

  constructor(
    private readonly judge: LineJudge,
    private readonly options: ReplayOptions,
  ) {
    this.windows = new WindowStore({ context: options.context, maxLines: options.maxLines, maxWindows: Infinity });
    this.lineNo = options.lineBefore;
    this.seq = options.seqBefore;
  }

  push({ view, candidates }: JudgedLine): void {
    if (view.kind === "structure") return;
    this.lineNo += 1;
    if (view.kind === "hidden") return;
    const judge = this.judge;
    const last = this.last;
    if (last !== null && last.text === view.text) {
      last.count += 1;
      return;
    }
    if (judge.isNoise(view.subject, candidates)) return;
    const { weight, marker } = judge.weigh(view, candidates);
    const text = view.text;
    this.seq += 1;
    const entry: ExcerptEntry = { text, line: this.lineNo, seq: this.seq, count: 1, weight, marker };
    if (marker) this.marker = entry;
    if (weight > 0) this.windows.explain(entry, this.ring);
    else if (this.windows.wantsLines) this.windows.follow(entry, judge.isContext(view.subject, candidates));
    this.ring.push(entry);
    if (this.ring.length > this.options.context) this.ring.shift();
    this.tailEntries.push(entry);
    if (this.tailEntries.length > this.options.maxLines) this.tailEntries.shift();
    this.last = entry;
  }

  /** Every window, in log order. */
  all(): ExcerptWindow[] {
    return this.windows.all();
  }

  /** The last `maxLines` kept lines. */
  tail(): ExcerptEntry[] {
    return this.tailEntries;
  }
}
