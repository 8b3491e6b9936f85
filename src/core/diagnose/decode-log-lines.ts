/** The lines of a streamed log; `capped` is true once the stream was cut at its byte budget. */
export interface LogLines extends AsyncIterable<string> {
  readonly capped: boolean;
}

/** Characters kept of one line; the rest of a giant line (minified bundles, base64) is skipped. */
export const MAX_DECODED_LINE = 64 * 1024;
const NEWLINE = "\n";

/**
 * Decodes a byte stream into lines without holding the log: UTF-8 decoded in streaming mode (a
 * character split across chunks survives, invalid bytes become U+FFFD, a leading BOM is dropped),
 * lines joined across chunk boundaries, `\r\n` endings trimmed, at most `maxBytes` read. When the
 * budget cuts the log, its partial last line is dropped and `capped` turns true. `open` runs when
 * iteration starts, and the source is released (its iterator returned) when iteration stops early.
 */
export const decodeLogLines = (open: () => Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>, maxBytes: number): LogLines => {
  let capped = false;
  async function* lines(): AsyncGenerator<string> {
    const decoder = new TextDecoder("utf-8");
    let pending = "";
    let overflow = false;
    let read = 0;
    const take = function* (text: string): Generator<string> {
      let start = 0;
      for (let nl = text.indexOf(NEWLINE); nl !== -1; nl = text.indexOf(NEWLINE, start)) {
        const line = overflow ? pending : pending + text.slice(start, nl);
        yield line.endsWith("\r") ? line.slice(0, -1) : line;
        pending = "";
        overflow = false;
        start = nl + 1;
      }
      if (!overflow) pending += text.slice(start);
      if (pending.length > MAX_DECODED_LINE) {
        pending = pending.slice(0, MAX_DECODED_LINE);
        overflow = true;
      }
    };
    for await (const chunk of await open()) {
      if (read >= maxBytes) {
        capped = true;
        return;
      }
      const piece = chunk.length > maxBytes - read ? chunk.subarray(0, maxBytes - read) : chunk;
      read += piece.length;
      yield* take(decoder.decode(piece, { stream: true }));
      if (piece.length < chunk.length) {
        capped = true;
        return;
      }
    }
    yield* take(decoder.decode());
    if (pending !== "") yield pending.endsWith("\r") ? pending.slice(0, -1) : pending;
  }
  return {
    get capped() {
      return capped;
    },
    [Symbol.asyncIterator]: lines,
  };
};
