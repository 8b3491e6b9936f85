/** One kept log line. The ring, the windows and the tail share the object, so a repeat updates all. */
export interface ExcerptEntry {
  readonly text: string;
  /** 1-based line number in the cleaned log */
  readonly line: number;
  /** position among kept lines; a gap of more than one means lines in between were not seen */
  readonly seq: number;
  count: number;
  /** strongest explaining weight on the line; 0 for plain and context lines */
  readonly weight: number;
  /** `##[error]` annotation or exit-code line: always shown */
  readonly marker: boolean;
}

/** Explaining lines with the context around them; overlapping windows are merged while streaming. */
export interface ExcerptWindow {
  readonly entries: ExcerptEntry[];
  weight: number;
  /** lost its first lines to the per-window cap */
  trimmed: boolean;
}

export interface WindowOptions {
  context: number;
  maxLines: number;
  maxWindows: number;
}

/**
 * The best few windows seen so far, in log order, in bounded memory: each window holds at most
 * `maxLines` entries (a run of 10,000 errors keeps its last ones), and past `maxWindows` the
 * weakest older window is dropped; the two most recent always stay, since the last error before
 * the end usually explains the failure.
 */
export class WindowStore {
  private readonly done: ExcerptWindow[] = [];
  private open: ExcerptWindow | null = null;
  private afterLeft = 0;
  private freeLeft = 0;
  private evicted = false;

  constructor(private readonly options: WindowOptions) {}

  /** Whether the open window still takes the lines that follow (its after-context). */
  get wantsLines(): boolean {
    return this.open !== null && this.afterLeft > 0;
  }

  get droppedWindows(): boolean {
    return this.evicted;
  }

  /** An explaining line, with the entries just before it (`before`, oldest first). */
  explain(entry: ExcerptEntry, before: readonly ExcerptEntry[]): void {
    const last = this.open?.entries.at(-1);
    let window = this.open;
    if (window === null || last === undefined || (before[0]?.seq ?? entry.seq) > last.seq + 1) {
      this.close();
      window = { entries: [], weight: 0, trimmed: false };
      this.open = window;
    }
    const after = window.entries.at(-1)?.seq ?? -Infinity;
    for (const e of before) if (e.seq > after) this.add(window, e);
    this.add(window, entry);
    window.weight = Math.max(window.weight, entry.weight);
    this.afterLeft = this.options.context;
    // Context lines (stack frames, rollout progress) ride along for free, up to a limit.
    this.freeLeft = this.options.context * 2;
  }

  /** A line after an explaining line; `isContext` when a context signature matched it. */
  follow(entry: ExcerptEntry, isContext: boolean): void {
    if (this.open === null || this.afterLeft <= 0) return;
    this.add(this.open, entry);
    if (isContext && this.freeLeft > 0) this.freeLeft -= 1;
    else this.afterLeft -= 1;
  }

  close(): void {
    if (this.open === null) return;
    this.done.push(this.open);
    this.open = null;
    this.afterLeft = 0;
    if (this.done.length <= this.options.maxWindows) return;
    // Drop the weakest window except the two most recent; on a tie, the oldest.
    let weakest = 0;
    for (let i = 1; i < this.done.length - 2; i += 1) if (this.done[i]!.weight < this.done[weakest]!.weight) weakest = i;
    this.done.splice(weakest, 1);
    this.evicted = true;
  }

  /** Every window, in log order (closes the open one). */
  all(): ExcerptWindow[] {
    this.close();
    return [...this.done];
  }

  private add(window: ExcerptWindow, entry: ExcerptEntry): void {
    window.entries.push(entry);
    if (window.entries.length > this.options.maxLines) {
      window.entries.shift();
      window.trimmed = true;
    }
  }
}

export interface Selection {
  /** chosen entries in log order; null stands for a gap between windows */
  readonly entries: (ExcerptEntry | null)[];
  readonly truncated: boolean;
}

// Later windows matter more: the one just before the end counts fully, each earlier one less.
const recency = (windowsAfter: number): number => 0.6 + 0.4 * 0.85 ** windowsAfter;

const sliceToFit = (w: ExcerptWindow, room: number, context: number): ExcerptEntry[] => {
  if (w.entries.length <= room) return w.entries;
  const markerAt = w.entries.findLastIndex((e) => e.marker);
  const bestAt = w.entries.findLastIndex((e) => e.weight === w.weight);
  const end = markerAt >= 0 ? markerAt + 1 : Math.min(w.entries.length, bestAt + 1 + context);
  return w.entries.slice(Math.max(0, end - room), end);
};

// A window explaining less than this share of the strongest one is left out: next to a compiler
// error, a line that merely contains "error" is noise.
const RELEVANT_SHARE = 0.5;

/**
 * Picks windows for at most `maxLines` lines: the window holding the final marker first, then by
 * weight × recency, leaving out windows far weaker than the strongest; a window too big for the
 * room left keeps its end (or the marker). Gaps between windows cost one line each ("…").
 */
export const selectWindows = (windows: readonly ExcerptWindow[], maxLines: number, context: number): Selection => {
  const strongest = Math.max(0, ...windows.map((w) => w.weight));
  const ranked = windows
    .map((w, i) => ({ w, marker: w.entries.some((e) => e.marker), score: w.weight * recency(windows.length - 1 - i) }))
    .filter(({ w, marker }) => marker || w.weight >= strongest * RELEVANT_SHARE)
    .sort((a, b) => Number(b.marker) - Number(a.marker) || b.score - a.score);
  const chosen: ExcerptEntry[][] = [];
  let used = 0;
  let truncated = false;
  for (const { w } of ranked) {
    const room = maxLines - used - (chosen.length > 0 ? 1 : 0);
    if (room <= 0) {
      truncated = true;
      continue;
    }
    const part = sliceToFit(w, room, context);
    truncated ||= w.trimmed || part.length < w.entries.length;
    chosen.push(part);
    used += part.length + (chosen.length > 1 ? 1 : 0);
  }
  chosen.sort((a, b) => a[0]!.seq - b[0]!.seq);
  const entries: (ExcerptEntry | null)[] = [];
  for (const part of chosen) {
    const previous = entries.at(-1);
    if (previous != null && part[0]!.seq > previous.seq + 1) entries.push(null);
    entries.push(...part);
  }
  return { entries, truncated };
};
