import type { CompiledSignature } from "./compile-signatures.js";
import type { ExcerptMatch } from "./excerpt-engine.js";

/**
 * The last `size` signature matches of a log, in a ring: a log with thousands of matching lines
 * costs three array slots per match, and ExcerptMatch objects are made only for the ones kept.
 */
export class RecentMatches {
  private readonly signatures: CompiledSignature[] = [];
  private readonly lines: number[] = [];
  private readonly texts: string[] = [];
  private next = 0;
  private count = 0;

  constructor(private readonly size: number) {}

  /** Records the signatures that matched line `line` (1-based), whose text is `text`. */
  add(signatures: readonly CompiledSignature[], line: number, text: string): void {
    for (const s of signatures) {
      this.signatures[this.next] = s;
      this.lines[this.next] = line;
      this.texts[this.next] = text;
      this.next = (this.next + 1) % this.size;
      this.count = Math.min(this.count + 1, this.size);
    }
  }

  /** The matches kept, oldest first. */
  list(): ExcerptMatch[] {
    const first = this.count < this.size ? 0 : this.next;
    return Array.from({ length: this.count }, (_, k) => {
      const at = (first + k) % this.size;
      const s = this.signatures[at]!;
      return { signatureId: s.id, cause: s.cause, weight: s.weight, line: this.lines[at]!, text: this.texts[at]! };
    });
  }
}
