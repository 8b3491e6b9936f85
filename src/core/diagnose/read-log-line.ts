import { stripLogLine, truncateLogLine } from "./clean-log-line.js";

/**
 * One raw log line as the excerpt engine reads it:
 * - `structure`: `##[group]`/`##[endgroup]` markers, which are not lines of the log a human reads;
 * - `hidden`: blank lines and `##[debug]` lines (step debug logging restates what is around it),
 *   which count as lines but are never shown;
 * - `line`: `text` as shown (cleaned, cut to 500 characters, annotation prefix removed) and
 *   `subject`, the longer text signatures are tested on; `annotated` for `##[error]` lines.
 */
export type LogLineView = { kind: "structure" } | { kind: "hidden" } | { kind: "line"; text: string; subject: string; annotated: boolean };

const ANNOTATION = /^##\[(group|endgroup|error|warning|notice|debug|command|section)\]/;
// Signatures see this much of a line (the cause often follows a long prefix, e.g. Maven's
// artifact chain); the excerpt shows 500 characters.
export const MATCH_CHARS = 4096;

const STRUCTURE: LogLineView = { kind: "structure" };
const HIDDEN: LogLineView = { kind: "hidden" };

/** `hidden`: characters cut off the end of `raw` before it was read (a giant line). */
export const readLogLine = (raw: string, hidden = 0): LogLineView => {
  const cleaned = stripLogLine(raw);
  let full = cleaned;
  let annotated = false;
  if (cleaned.startsWith("##[")) {
    const kind = ANNOTATION.exec(cleaned)?.[1];
    if (kind === "group" || kind === "endgroup") return STRUCTURE;
    if (kind === "debug") return HIDDEN;
    if (kind !== undefined) full = cleaned.slice(kind.length + 4);
    annotated = kind === "error";
  }
  // `cleaned` ends without whitespace, so its end `full` is blank only when empty.
  if (full === "") return HIDDEN;
  return { kind: "line", text: truncateLogLine(full, hidden), subject: full.length > MATCH_CHARS ? full.slice(0, MATCH_CHARS) : full, annotated };
};
