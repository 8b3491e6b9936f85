import { BUILTIN_KEYWORDS, EXIT_LITERAL, type CompiledSignature, type CompiledSignatures } from "./compile-signatures.js";
import { readLogLine, type LogLineView } from "./read-log-line.js";

/** A raw line read and pre-filtered once. */
export interface JudgedLine {
  readonly view: LogLineView;
  /** lineMatcher candidates of a `line` view, ascending */
  readonly candidates: readonly number[];
}

const NONE: readonly number[] = [];
// An `##[error]` annotation explains at least this much even when no signature knows the tool.
const ANNOTATION_WEIGHT = 0.5;
const MARKER_WEIGHT = 0.2;

export type KeptView = Extract<LogLineView, { kind: "line" }>;

/** What a kept line explains: its weight (0 for plain lines), whether it marks a failed step, what matched. */
export interface Weighed {
  weight: number;
  marker: boolean;
  matches: CompiledSignature[];
}

const EXIT_MARKER = /\bexit(?:ed)?(?: with)? (?:code|status):? ?[1-9]/i;

/** What the signatures say about one log line: kept or noise, marker, which signatures match. */
export class LineJudge {
  private readonly explainCount: number;
  private readonly noiseEnd: number;
  private readonly exitAt: number;
  private readonly contextStart: number;

  constructor(private readonly signatures: CompiledSignatures) {
    this.explainCount = signatures.explains.length;
    this.noiseEnd = this.explainCount + signatures.noise.length;
    this.exitAt = this.noiseEnd + EXIT_LITERAL;
    this.contextStart = this.noiseEnd + BUILTIN_KEYWORDS.length;
  }

  /** A raw line read and pre-filtered; the byte path weighs it, then pushes the same object. */
  judge(raw: string, hidden = 0): JudgedLine {
    const view = readLogLine(raw, hidden);
    return { view, candidates: view.kind === "line" ? this.signatures.lineMatcher.candidates(view.subject) : NONE };
  }

  /** How much a kept line explains (0 for plain lines), whether it marks a failed step, and what matched. */
  weigh(view: KeptView, candidates: readonly number[]): Weighed {
    const matches = this.matching(view.subject, candidates);
    const marker = this.isMarker(view.subject, view.annotated, candidates);
    let weight = Math.max(view.annotated ? ANNOTATION_WEIGHT : 0, marker ? MARKER_WEIGHT : 0);
    for (const s of matches) weight = Math.max(weight, s.weight);
    return { weight, marker, matches };
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

  isContext(subject: string, candidates: readonly number[]): boolean {
    const { context } = this.signatures;
    for (let k = candidates.length - 1; k >= 0 && candidates[k]! >= this.contextStart; k -= 1) {
      if (context[candidates[k]! - this.contextStart]!.regex.test(subject)) return true;
    }
    return false;
  }

  private isExit(subject: string, candidate: number): boolean {
    return candidate === this.exitAt && EXIT_MARKER.test(subject);
  }
}
