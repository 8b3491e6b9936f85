import { EXIT_LITERAL, type CompiledSignature, type CompiledSignatures } from "./compile-signatures.js";
import { readLogLine, type LogLineView } from "./read-log-line.js";

/** A raw line read and pre-filtered once. */
export interface JudgedLine {
  view: LogLineView;
  /** lineMatcher candidates of a `line` view, ascending */
  candidates: number[];
}

const EXIT_MARKER = /\bexit(?:ed)?(?: with)? (?:code|status):? ?[1-9]/i;
// The byte path looks at a line (keptText, weigh) just before pushing it: remember a few.
const CACHE_SIZE = 32;

/** What the signatures say about one log line: kept or noise, marker, which signatures match. */
export class LineJudge {
  private readonly cache = new Map<string, JudgedLine>();
  private readonly explainCount: number;
  private readonly noiseEnd: number;
  private readonly exitAt: number;

  constructor(private readonly signatures: CompiledSignatures) {
    this.explainCount = signatures.explains.length;
    this.noiseEnd = this.explainCount + signatures.noise.length;
    this.exitAt = this.noiseEnd + EXIT_LITERAL;
  }

  /** A line about to be pushed: judged now, or taken from what keptText or weigh judged. */
  take(raw: string): JudgedLine {
    const known = this.cache.get(raw);
    if (known === undefined) return this.judge(raw);
    this.cache.delete(raw);
    return known;
  }

  private read(raw: string): JudgedLine {
    const known = this.cache.get(raw);
    if (known !== undefined) return known;
    const judged = this.judge(raw);
    if (this.cache.size >= CACHE_SIZE) this.cache.clear();
    this.cache.set(raw, judged);
    return judged;
  }

  private judge(raw: string): JudgedLine {
    const view = readLogLine(raw);
    return { view, candidates: view.kind === "line" ? this.signatures.lineMatcher.candidates(view.subject) : [] };
  }

  /** The text a raw line becomes in the excerpt, or null when it is not kept (blank, marker, noise). */
  keptText(raw: string): string | null {
    const { view, candidates } = this.read(raw);
    return view.kind === "line" && !this.isNoise(view.subject, candidates) ? view.text : null;
  }

  /** Whether a raw line would get a weight and open a window (nothing recorded). */
  weigh(raw: string): "window" | "structure" | "skip" {
    const { view, candidates } = this.read(raw);
    if (view.kind === "structure") return "structure";
    if (view.kind !== "line" || this.isNoise(view.subject, candidates)) return "skip";
    if (view.annotated) return "window";
    const { explains } = this.signatures;
    const weighs = candidates.some((i) => (i < this.explainCount ? explains[i]!.regex.test(view.subject) : this.isExit(view.subject, i)));
    return weighs ? "window" : "skip";
  }

  isNoise(subject: string, candidates: readonly number[]): boolean {
    const { noise } = this.signatures;
    for (const i of candidates) {
      if (i < this.explainCount) continue;
      if (i >= this.noiseEnd) break;
      if (noise[i - this.explainCount]!.regex.test(subject)) return true;
    }
    return false;
  }

  /** An `##[error]` annotation or an exit-code line: the end of a failed step. */
  isMarker(subject: string, annotated: boolean, candidates: readonly number[]): boolean {
    return annotated || candidates.some((i) => this.isExit(subject, i));
  }

  /** The explaining signatures that match the line. */
  matching(subject: string, candidates: readonly number[]): CompiledSignature[] {
    const found: CompiledSignature[] = [];
    for (const i of candidates) {
      if (i >= this.explainCount) break;
      const s = this.signatures.explains[i]!;
      if (s.regex.test(subject)) found.push(s);
    }
    return found;
  }

  isContext(subject: string): boolean {
    return this.signatures.context.some((s) => s.regex.test(subject));
  }

  private isExit(subject: string, candidate: number): boolean {
    return candidate === this.exitAt && EXIT_MARKER.test(subject);
  }
}
