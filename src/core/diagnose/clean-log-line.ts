// ESC [ … final byte, plus OSC sequences; GitHub logs keep the colour codes of the tools.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;
// A downloaded job log starts with a UTF-8 byte-order mark, which would hide the first timestamp.
const BOM = /^\uFEFF/;
// Actions prefixes every line with an ISO timestamp.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\s?/;
const MAX_LINE = 500;

/** One log line as a human wants to read it: no colours, no timestamp, no progress-bar rewrites. */
export const cleanLogLine = (raw: string): string => {
  const lastFrame = raw.includes("\r") ? (raw.split("\r").filter((s) => s.length > 0).pop() ?? "") : raw;
  const line = lastFrame.replace(BOM, "").replace(ANSI, "").replace(TIMESTAMP, "").trimEnd();
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}… (${line.length - MAX_LINE} more characters)` : line;
};
