/**
 * Rebuilds a file's previous text from its current text and the unified-diff hunks GitHub returns
 * in compare `files[].patch` (base → head). Saves fetching the old version: the planner already has
 * the patch. Returns null when the hunks do not match the text (then the caller fetches it).
 */
export const reverseApplyPatch = (current: string, patch: string): string | null => {
  const eol = current.includes("\r\n") ? "\r\n" : "\n";
  const lines = current.split(/\r?\n/);
  const out: string[] = [];
  let cursor = 0; // index into `lines` of the next unconsumed line of the new text
  const hunks = patch.split(/^(?=@@ )/m).filter((h) => h.startsWith("@@"));
  // "\ No newline at end of file" qualifies the line above it: a "-" line is the old side's
  // last line, a "+" line the new side's, a context line both sides'.
  let previous = "";
  let oldEndsBare = false;
  let newEndsBare = false;
  for (const hunk of hunks) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(hunk);
    if (!header) return null;
    const newStart = Number(header[1]);
    const newCount = header[2] === undefined ? 1 : Number(header[2]);
    const start = newCount === 0 ? newStart : newStart - 1;
    if (start < cursor) return null;
    out.push(...lines.slice(cursor, start));
    cursor = start;
    for (const line of hunk.split("\n").slice(1)) {
      if (line === "\\ No newline at end of file") {
        oldEndsBare ||= previous !== "+";
        newEndsBare ||= previous !== "-";
        continue;
      }
      if (line === "") continue;
      previous = line[0] ?? "";
      const body = line.slice(1).replace(/\r$/, "");
      if (line.startsWith("+")) {
        if (lines[cursor] !== body) return null;
        cursor += 1;
      } else if (line.startsWith("-")) {
        out.push(body);
      } else if (line.startsWith(" ")) {
        if (lines[cursor] !== body) return null;
        out.push(body);
        cursor += 1;
      } else {
        return null;
      }
    }
  }
  out.push(...lines.slice(cursor));
  // The marker must describe the current text's end; then only the old side's end may differ.
  const endsWithNewline = current.endsWith("\n");
  if ((newEndsBare && endsWithNewline) || (oldEndsBare && !newEndsBare && !endsWithNewline)) return null;
  const text = out.join(eol);
  if (oldEndsBare === newEndsBare) return text;
  return newEndsBare ? text + eol : text.slice(0, -eol.length);
};
