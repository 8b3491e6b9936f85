/** The lines of a streamed log; `capped` is true once the stream was cut at its byte budget. */
export interface LogLines extends AsyncIterable<string> {
  readonly capped: boolean;
  /** the same lines, a chunk's worth at a time: much cheaper than one await per line */
  batches(): AsyncIterable<string[]>;
}

/** Characters kept of one line; the rest of a giant line (minified bundles, base64) is skipped. */
export const MAX_DECODED_LINE = 64 * 1024;
const NEWLINE = "\n";

const trimCr = (line: string): string => (line.endsWith("\r") ? line.slice(0, -1) : line);

/**
 * Decodes a byte stream into lines without holding the log: UTF-8 decoded in streaming mode (a
 * character split across chunks survives, invalid bytes become U+FFFD, a leading BOM is dropped),
 * lines joined across chunk boundaries, `\r\n` endings trimmed, at most `maxBytes` read. When the
 * budget cuts the log, its partial last line is dropped and `capped` turns true. `open` runs when
 * iteration starts, and the source is released (its iterator returned) when iteration stops early.
 */
export const decodeLogLines = (open: () => Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>, maxBytes: number): LogLines => {
  let capped = false;
  async function* batches(): AsyncGenerator<string[]> {
    const decoder = new TextDecoder("utf-8");
    let pending = "";
    let overflow = false;
    let read = 0;
    const take = (text: string): string[] => {
      const lines: string[] = [];
      let start = 0;
      for (let nl = text.indexOf(NEWLINE); nl !== -1; nl = text.indexOf(NEWLINE, start)) {
        lines.push(trimCr(overflow ? pending : pending + text.slice(start, nl)));
        pending = "";
        overflow = false;
        start = nl + 1;
      }
      if (!overflow) pending += text.slice(start);
      if (pending.length > MAX_DECODED_LINE) {
        pending = pending.slice(0, MAX_DECODED_LINE);
        overflow = true;
      }
      return lines;
    };
    for await (const chunk of await open()) {
      if (read >= maxBytes) {
        capped = true;
        return;
      }
      const piece = chunk.length > maxBytes - read ? chunk.subarray(0, maxBytes - read) : chunk;
      read += piece.length;
      const lines = take(decoder.decode(piece, { stream: true }));
      if (lines.length > 0) yield lines;
      if (piece.length < chunk.length) {
        capped = true;
        return;
      }
    }
    const last = take(decoder.decode());
    if (pending !== "") last.push(trimCr(pending));
    if (last.length > 0) yield last;
  }
  return {
    get capped() {
      return capped;
    },
    batches,
    async *[Symbol.asyncIterator]() {
      for await (const lines of batches()) yield* lines;
    },
  };
};
