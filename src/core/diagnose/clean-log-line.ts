// ESC [ … final byte, plus OSC sequences; GitHub logs keep the colour codes of the tools.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;
// Actions prefixes every line with an ISO timestamp.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\s?/;
const MAX_LINE = 500;
const BOM = 0xfeff;

// The last non-empty frame of a carriage-return progress bar is what a terminal would show.
const lastFrame = (raw: string): string => {
  let end = raw.length;
  while (end > 0) {
    const start = raw.lastIndexOf("\r", end - 1) + 1;
    if (start < end) return raw.slice(start, end);
    end = start - 1;
  }
  return "";
};

/**
 * One log line as a human wants to read it: no colours, no timestamp, no progress-bar rewrites,
 * no byte-order mark (a downloaded job log starts with one, hiding the first timestamp), cut at
 * 500 characters.
 */
export const cleanLogLine = (raw: string): string => truncateLogLine(stripLogLine(raw));

/**
 * cleanLogLine without the cut: the excerpt engine matches signatures on more of a long line than
 * it shows. Each step is skipped when its character is absent: this runs on every line.
 */
export const stripLogLine = (raw: string): string => {
  let line = raw.includes("\r") ? lastFrame(raw) : raw;
  if (line.charCodeAt(0) === BOM) line = line.slice(1);
  if (line.includes("\u001b")) line = line.replace(ANSI, "");
  // "2026-11-23T14:02:01.1234567Z ": checked by position before the regex runs.
  if (line.charCodeAt(4) === 45 && line.charCodeAt(10) === 84) line = line.replace(TIMESTAMP, "");
  return line.trimEnd();
};

/** A line cut to 500 characters, saying how much was cut. */
export const truncateLogLine = (line: string): string =>
  line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}… (${line.length - MAX_LINE} more characters)` : line;
