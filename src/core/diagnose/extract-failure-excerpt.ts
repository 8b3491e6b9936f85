import { cleanLogLine } from "./clean-log-line.js";

export interface Excerpt {
  lines: string[];
  /** 1-based line number of the first excerpt line in the cleaned log */
  startLine: number;
  truncated: boolean;
}

// Lines that usually explain a failure, across common CI vocabularies.
const FAILURE =
  /##\[error\]|\berror\b|\bERR!|\bFAIL(?:ED|URE)?\b|\bfatal\b|exception|panic:|Traceback|exit(?:ed)? (?:with )?code [1-9]|OOMKilled|timed? ?out|✕|✗/i;
// Exception class names (TypeError, AssertionError, ModuleNotFoundError): `\berror\b` cannot see
// "Error" inside a word, and case matters here so that words like "terror" stay quiet.
const NAMED_ERROR = /\b[A-Z][A-Za-z]*Error\b/;
const isFailure = (line: string): boolean => FAILURE.test(line) || NAMED_ERROR.test(line);
const CONTEXT_BEFORE = 3;
const CONTEXT_AFTER = 2;

/**
 * The lines that explain a failure, with a little context, at most `maxLines`.
 * Later failures usually explain more than earlier ones (the last error before exit), so when
 * the budget is exceeded the window keeps the end.
 */
export const extractFailureExcerpt = (log: string, maxLines = 40): Excerpt => {
  const lines = log
    .split("\n")
    .map(cleanLogLine)
    .filter((l) => !/^##\[(?:group|endgroup)\]/.test(l));
  // Trailing newlines (\n, \r\n or blank lines) would otherwise end the excerpt with empty lines.
  while (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  const keep = new Set<number>();
  lines.forEach((line, i) => {
    if (!isFailure(line)) return;
    for (let j = Math.max(0, i - CONTEXT_BEFORE); j <= Math.min(lines.length - 1, i + CONTEXT_AFTER); j += 1) keep.add(j);
  });
  const picked = keep.size > 0 ? [...keep].sort((a, b) => a - b) : lines.map((_, i) => i).slice(-maxLines);
  const window = picked.slice(-maxLines);
  const deduped: string[] = [];
  for (const i of window) {
    const line = (lines[i] ?? "").replace(/^##\[error\]/, "");
    if (deduped[deduped.length - 1] !== line) deduped.push(line);
  }
  return { lines: deduped, startLine: (window[0] ?? 0) + 1, truncated: picked.length > window.length };
};
