type Columns = Record<"positions" | "lines" | "starts" | "ends", Int32Array>;

const column = (size: number): Int32Array => new Int32Array(size);

/**
 * The keyword lines of one block, in columns: a scan in JavaScript adds to arrays reused from
 * block to block (no allocation per block); the WebAssembly scan writes the columns into its own
 * memory, and they are read there (`view`) until its next scan.
 */
export class KeywordHits {
  /** byte position of the match in each keyword line, ascending */
  positions: Int32Array;
  /** index of that line, counted from the block's start */
  lines: Int32Array;
  /** where the line starts, and where it ends (its newline) */
  starts: Int32Array;
  ends: Int32Array;
  length = 0;
  private own: Columns;

  constructor() {
    this.own = { positions: column(256), lines: column(256), starts: column(256), ends: column(256) };
    ({ positions: this.positions, lines: this.lines, starts: this.starts, ends: this.ends } = this.own);
  }

  /** Empties it, back on its own arrays. */
  clear(): void {
    this.length = 0;
    ({ positions: this.positions, lines: this.lines, starts: this.starts, ends: this.ends } = this.own);
  }

  /** A hit whose line is not known yet (after `clear`). */
  add(position: number): void {
    if (this.length === this.own.positions.length) this.grow();
    this.positions[this.length] = position;
    this.length += 1;
  }

  /** A hit and its line: index, start and end (after `clear`). */
  addLine(position: number, line: number, start: number, end: number): void {
    const k = this.length;
    this.add(position);
    this.lines[k] = line;
    this.starts[k] = start;
    this.ends[k] = end;
  }

  /** Columns written elsewhere, `length` hits long. */
  view(columns: Columns, length: number): void {
    ({ positions: this.positions, lines: this.lines, starts: this.starts, ends: this.ends } = columns);
    this.length = length;
  }

  private grow(): void {
    const bigger = (a: Int32Array): Int32Array => {
      const b = column(a.length * 2);
      b.set(a);
      return b;
    };
    const { positions, lines, starts, ends } = this.own;
    this.own = { positions: bigger(positions), lines: bigger(lines), starts: bigger(starts), ends: bigger(ends) };
    ({ positions: this.positions, lines: this.lines, starts: this.starts, ends: this.ends } = this.own);
  }
}
