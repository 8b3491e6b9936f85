import type { CompiledSignatures } from "./compile-signatures.js";
import { extractExcerptFromText } from "./excerpt-engine.js";
import { fallbackSignatures } from "./fallback-signatures.js";

export interface Excerpt {
  lines: string[];
  /** 1-based line number of the first excerpt line in the cleaned log */
  startLine: number;
  truncated: boolean;
}

/**
 * The lines that explain a failure, with a little context, at most `maxLines`: the excerpt engine
 * over a whole log in memory. Without `signatures` it knows only generic failure words; pass the
 * loaded signature set for tool-specific excerpts (and use the engine directly for the matches).
 */
export const extractFailureExcerpt = (log: string, maxLines = 40, signatures: CompiledSignatures = fallbackSignatures()): Excerpt => {
  const { lines, startLine, truncated } = extractExcerptFromText(log, signatures, { maxLines });
  return { lines, startLine, truncated };
};
