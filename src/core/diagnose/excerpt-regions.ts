import type { RawLine } from "./byte-line-feeder.js";

/**
 * The raw lines around explaining lines: `first..last` (raw line indices), from `before` lines
 * before its first explaining line to `after` lines after its last one. Its windows are built only
 * if it is still kept when the log ends; until then it costs nothing but these numbers (and a copy
 * of its lines if the reader forgets them first).
 */
export interface Region {
  first: number;
  last: number;
  weight: number;
  /** cleaned-log line number of the line before `first` */
  lineBefore: number;
  /** raw lines `first..capturedEnd-1`, copied before the reader forgot them */
  captured: RawLine[];
  capturedEnd: number;
  /** lost its first lines to the cap */
  trimmed: boolean;
}

export interface RegionOptions {
  before: number;
  after: number;
  /** raw lines one region keeps of a longer run of explaining lines (its end; up to twice as many) */
  maxSpan: number;
  maxRegions: number;
}

/**
 * The best few regions seen so far, in log order, as WindowStore keeps windows: past
 * `maxRegions` the weakest older region is dropped; the two most recent always stay, since the
 * last error before the end usually explains the failure. An explaining line whose region would
 * touch the open one extends it.
 */
export class RegionStore {
  private readonly done: Region[] = [];
  private open: Region | null = null;
  private evicted = false;

  constructor(private readonly options: RegionOptions) {}

  get droppedRegions(): boolean {
    return this.evicted;
  }

  /**
   * An explaining line at raw line `index`; `oldest` is the first raw line still readable and
   * `lineBefore(i)` the cleaned-log line number before raw line `i`.
   */
  explain(index: number, weight: number, oldest: number, lineBefore: (i: number) => number): void {
    const { before, after, maxSpan } = this.options;
    const open = this.open;
    if (open !== null && index - before <= open.last + 1) {
      open.last = index + after;
      open.weight = Math.max(open.weight, weight);
      // Cut back to maxSpan once it is twice that: each line is dropped once, not shifted once per line.
      if (open.last - open.first + 1 > 2 * maxSpan) this.cut(open, open.last - maxSpan + 1, lineBefore);
      return;
    }
    this.close();
    const first = Math.max(oldest, index - before);
    this.open = { first, last: index + after, weight, lineBefore: lineBefore(first), captured: [], capturedEnd: first, trimmed: false };
  }

  /** Copies the lines `[first, end)` of every kept region before the reader forgets them. */
  capture(first: number, end: number, read: (first: number, end: number) => RawLine[]): void {
    for (const region of this.kept()) {
      const from = Math.max(region.capturedEnd, region.first, first);
      const to = Math.min(end, region.last + 1);
      if (from >= to) continue;
      region.captured.push(...read(from, to));
      region.capturedEnd = to;
    }
  }

  /** Every kept region, in log order (closes the open one). */
  all(): Region[] {
    this.close();
    return [...this.done];
  }

  private kept(): Region[] {
    return this.open === null ? this.done : [...this.done, this.open];
  }

  private cut(region: Region, first: number, lineBefore: (i: number) => number): void {
    const drop = Math.min(region.captured.length, first - region.first);
    region.captured.splice(0, drop);
    region.capturedEnd = Math.max(region.capturedEnd, first);
    region.lineBefore = lineBefore(first);
    region.first = first;
    region.trimmed = true;
  }

  private close(): void {
    if (this.open === null) return;
    this.done.push(this.open);
    this.open = null;
    if (this.done.length <= this.options.maxRegions) return;
    // Drop the weakest region except the two most recent; on a tie, the oldest.
    let weakest = 0;
    for (let i = 1; i < this.done.length - 2; i += 1) if (this.done[i]!.weight < this.done[weakest]!.weight) weakest = i;
    this.done.splice(weakest, 1);
    this.evicted = true;
  }
}
