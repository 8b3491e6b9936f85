import { timestampLength } from "./clean-log-line.js";
import type { JudgedLine, KeptView, LineJudge, Weighed } from "./line-judge.js";

/** A judged line with the verdicts worked out for it so far. */
export interface KnownLine extends JudgedLine {
  noise: boolean | undefined;
  weighed: Weighed | undefined;
}

// Longer lines are judged afresh each time: rare, and costly to keep.
const MAX_KEY_CHARS = 512;
// Lines remembered per generation; a line seen in the last two is known.
const GENERATION = 2048;
const Z = 90;

/** A map that forgets what was not looked up for two generations. */
class Generations {
  private recent = new Map<string, KnownLine>();
  private older = new Map<string, KnownLine>();

  get(key: string): KnownLine | undefined {
    const hit = this.recent.get(key);
    if (hit !== undefined) return hit;
    const old = this.older.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: string, line: KnownLine): void {
    if (this.recent.size >= GENERATION) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(key, line);
  }
}

/**
 * The verdicts of recent lines, by their text after the timestamp. CI logs repeat lines (progress,
 * retries, passing tests that mention an error), and a repeat then costs a lookup instead of a
 * cleaning, a literal scan and regular expressions. A line's verdict depends on that text alone:
 * cleaning drops a timestamp the same way whatever its digits. The whitespace after the `Z` is part
 * of the key (with or without it the cleaned line starts differently), and lines with and without
 * a timestamp are kept apart (" x" alone is not " x" after a timestamp, which eats the space).
 */
export class KnownLines {
  private readonly stamped = new Generations();
  private readonly plain = new Generations();

  constructor(private readonly judge: LineJudge) {}

  /** The judged line; `hidden` UTF-16 units were cut off `raw` (a giant line, never kept). */
  line(raw: string, hidden = 0): KnownLine {
    if (hidden !== 0 || raw.length > MAX_KEY_CHARS) return this.fresh(raw, hidden);
    const stamp = timestampLength(raw);
    const store = stamp === 0 ? this.plain : this.stamped;
    const key = stamp === 0 ? raw : raw.slice(raw.charCodeAt(stamp - 1) === Z ? stamp : stamp - 1);
    const known = store.get(key);
    if (known !== undefined) return known;
    const line = this.fresh(raw, 0);
    store.set(key, line);
    return line;
  }

  /** Whether a line is noise (group markers, blank and debug lines are not: they are no kept lines). */
  isNoise(line: KnownLine): boolean {
    if (line.noise === undefined) line.noise = line.view.kind === "line" && this.judge.isNoise(line.view.subject, line.candidates);
    return line.noise;
  }

  weigh(line: KnownLine, view: KeptView): Weighed {
    return (line.weighed ??= this.judge.weigh(view, line.candidates));
  }

  private fresh(raw: string, hidden: number): KnownLine {
    const { view, candidates } = this.judge.judge(raw, hidden);
    return { view, candidates, noise: undefined, weighed: undefined };
  }
}
