/**
 * Bot commits carry `Agenticops-*` trailers so `git log` is the audit trail. Parsing follows
 * git's interpret-trailers rules, so what we read is what `git log --format=%(trailers)` shows.
 */
export interface AgenticopsTrailers {
  incident: string;
  action: string;
  runbook: string;
  /** e.g. `allow (rollback-scope@3e1a, change-freeze@91c0)` */
  policy: string;
}

export type ParsedTrailers = Partial<AgenticopsTrailers> & { other: Record<string, string> };

export interface Trailer {
  key: string;
  value: string;
}

const SUBJECT_MAX = 72;
const WRAP = 72;
const KEYS: Record<keyof AgenticopsTrailers, string> = {
  incident: "Agenticops-Incident",
  action: "Agenticops-Action",
  runbook: "Agenticops-Runbook",
  policy: "Agenticops-Policy",
};

/** One line, inner whitespace collapsed: a newline in a value would end the trailer early. */
const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

const truncate = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

const wrapText = (text: string, width: number, indent = ""): string[] => {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(" ").filter((w) => w !== "")) {
    if (current !== "" && current.length + 1 + word.length > width) {
      lines.push(current);
      current = indent + word;
    } else current = current === "" ? word : `${current} ${word}`;
  }
  if (current !== "") lines.push(current);
  return lines;
};

const LIST_ITEM = /^([-*] |\d+[.)] )/;

/** Reflows prose to 72 columns; list items keep a hanging indent, indented lines stay verbatim. */
const wrapParagraph = (paragraph: string): string => {
  const blocks: string[] = [];
  for (const line of paragraph.split("\n")) {
    const last = blocks.length - 1;
    if (/^\s/.test(line) || LIST_ITEM.test(line) || last < 0 || /^\s/.test(blocks[last]!)) blocks.push(line);
    else blocks[last] = `${blocks[last]} ${line.trim()}`;
  }
  return blocks
    .flatMap((block) => {
      if (/^\s/.test(block)) return [block.trimEnd()];
      const marker = LIST_ITEM.exec(block)?.[0] ?? "";
      return wrapText(oneLine(block), WRAP, " ".repeat(marker.length));
    })
    .join("\n");
};

/**
 * `subject` (one line, at most 72 characters), blank line, the body wrapped at 72 columns,
 * blank line, the four trailers. A body line starting with `---` is indented by one space:
 * git reads such a line as the start of a patch and would look for trailers above it.
 */
export const formatCommitMessage = (subject: string, body: string, trailers: AgenticopsTrailers): string => {
  const paragraphs = body
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\s+$/g, ""))
    .filter((p) => p !== "")
    .map((p) => wrapParagraph(p.replace(/^---/gm, " ---")));
  const block = (Object.keys(KEYS) as (keyof AgenticopsTrailers)[]).map((k) => `${KEYS[k]}: ${oneLine(trailers[k]) || "none"}`);
  const title = truncate(oneLine(subject).replace(/^---+\s*/, ""), SUBJECT_MAX);
  return [title, ...paragraphs, block.join("\n")].join("\n\n") + "\n";
};

/** git's find_separator: a token of letters, digits and `-`, optional blanks, then `:`. */
const separatorAt = (line: string): number => {
  let blanks = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (ch === ":") return i;
    if (!blanks && /[A-Za-z0-9-]/.test(ch)) continue;
    if (i > 0 && (ch === " " || ch === "\t")) {
      blanks = true;
      continue;
    }
    return -1;
  }
  return -1;
};

const isBlank = (line: string): boolean => line.trim() === "";
const GIT_GENERATED = ["Signed-off-by: ", "(cherry picked from commit "];

/** Index of the first line of the trailer block, or -1 (git's find_trailer_block_start). */
const trailerBlockStart = (lines: string[]): number => {
  let title = 0;
  while (title < lines.length && (lines[title]!.startsWith("#") || !isBlank(lines[title]!))) title += 1;
  let trailers = 0;
  let others = 0;
  let continuations = 0;
  let recognized = false;
  let onlySpaces = true;
  for (let i = lines.length - 1; i >= title; i -= 1) {
    const line = lines[i]!;
    if (line.startsWith("#")) {
      others += continuations;
      continuations = 0;
    } else if (isBlank(line)) {
      if (onlySpaces) continue;
      others += continuations;
      const isBlock = (recognized && trailers * 3 >= others) || (trailers > 0 && others === 0);
      return isBlock ? i + 1 : -1;
    } else if (GIT_GENERATED.some((p) => line.startsWith(p))) {
      onlySpaces = false;
      trailers += 1;
      continuations = 0;
      recognized = true;
    } else {
      onlySpaces = false;
      if (separatorAt(line) >= 1 && !/^\s/.test(line)) {
        trailers += 1;
        continuations = 0;
      } else if (/^\s/.test(line)) continuations += 1;
      else {
        others += 1 + continuations;
        continuations = 0;
      }
    }
  }
  return -1;
};

/** The message up to a patch divider (`---` line), trailing blank lines dropped. */
const logMessageLines = (message: string): string[] => {
  const lines = message.replace(/\r\n?/g, "\n").split("\n");
  const divider = lines.findIndex((l) => /^---(\s|$)/.test(l));
  const kept = divider < 0 ? lines : lines.slice(0, divider);
  while (kept.length > 0 && isBlank(kept[kept.length - 1]!)) kept.pop();
  return kept;
};

/** Every trailer in git's order, continuation lines unfolded, as `git interpret-trailers --parse` lists them. */
export const listCommitTrailers = (message: string): Trailer[] => {
  const lines = logMessageLines(message);
  const start = trailerBlockStart(lines);
  if (start < 0) return [];
  const folded: string[] = [];
  for (const line of lines.slice(start)) {
    // a continuation belongs to the line above only when that one is a trailer (comments are not)
    const previous = folded[folded.length - 1];
    if (/^\s/.test(line) && previous !== undefined && separatorAt(previous) >= 1) folded[folded.length - 1] = `${previous}\n${line}`;
    else folded.push(line);
  }
  return folded.flatMap((line) => {
    const at = separatorAt(line);
    if (at < 1) return [];
    return [{ key: line.slice(0, at).trim(), value: oneLine(line.slice(at + 1)) }];
  });
};

/**
 * The Agenticops trailers of a commit message (keys matched case-insensitively, the first of a
 * repeated key wins) and every other trailer in `other` (repeated keys joined with ", ").
 */
export const parseCommitTrailers = (message: string): ParsedTrailers => {
  const result: ParsedTrailers = { other: {} };
  const byKey = new Map(Object.entries(KEYS).map(([field, key]) => [key.toLowerCase(), field as keyof AgenticopsTrailers]));
  for (const { key, value } of listCommitTrailers(message)) {
    const field = byKey.get(key.toLowerCase());
    if (field) result[field] ??= value;
    else result.other[key] = key in result.other ? `${result.other[key]}, ${value}` : value;
  }
  return result;
};
