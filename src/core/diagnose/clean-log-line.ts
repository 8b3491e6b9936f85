// ESC [ … final byte, plus OSC sequences; GitHub logs keep the colour codes of the tools.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;
// Actions prefixes every line with an ISO timestamp, 2026-11-23T14:02:01.1234567Z and a space:
// the character codes of its first 19 characters, -1 for a digit.
const TIMESTAMP_SHAPE = Int16Array.from("dddd-dd-ddTdd:dd:dd", (c) => (c === "d" ? -1 : c.charCodeAt(0)));
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
  const stamp = timestampLength(line);
  if (stamp > 0) line = line.slice(stamp);
  return line.trimEnd();
};

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

// What `\s` matches in a JavaScript regular expression.
const isWhitespace = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/**
 * The length of the timestamp that starts `line` (`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z`
 * and one whitespace character), 0 if there is none; read by position, without a regex.
 */
export const timestampLength = (line: string): number => {
  if (line.charCodeAt(4) !== 45 || line.charCodeAt(10) !== 84) return 0;
  for (let i = 0; i < TIMESTAMP_SHAPE.length; i += 1) {
    const code = line.charCodeAt(i);
    const want = TIMESTAMP_SHAPE[i]!;
    if (want === -1 ? !isDigit(code) : code !== want) return 0;
  }
  let at = TIMESTAMP_SHAPE.length;
  if (line.charCodeAt(at) === 46 && isDigit(line.charCodeAt(at + 1))) {
    at += 2;
    while (isDigit(line.charCodeAt(at))) at += 1;
  }
  if (line.charCodeAt(at) !== 90) return 0;
  at += 1;
  return at < line.length && isWhitespace(line.charCodeAt(at)) ? at + 1 : at;
};

/** A line cut to 500 characters, saying how much was cut; `hidden` characters were cut before. */
export const truncateLogLine = (line: string, hidden = 0): string =>
  line.length + hidden > MAX_LINE ? `${line.slice(0, MAX_LINE)}… (${line.length + hidden - MAX_LINE} more characters)` : line;
