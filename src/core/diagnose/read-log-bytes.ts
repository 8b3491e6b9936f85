/**
 * A log's raw bytes as read, and which of its parts were not. The excerpt engine reads the bytes
 * themselves (only the lines with a keyword are ever decoded), so no reader decodes a log to text.
 */
export interface LogBytes extends AsyncIterable<Uint8Array> {
  /** true once reading stopped at its byte budget: the end is missing, and the cut last line is left out */
  readonly capped: boolean;
  /** true when only the end was read: the start is missing (the reader already left the cut first line out) */
  readonly startMissing?: boolean;
}

type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * The bytes of a stream, at most `maxBytes` of them; `capped` turns true when the budget cuts the
 * stream (another chunk arrives once it is spent). `open` runs when iteration starts, and the
 * source is released (its iterator returned) when iteration stops early. Chunks are passed on as
 * they come, not copied.
 */
export const readLogBytes = (open: () => Promise<ByteSource>, maxBytes: number): LogBytes => {
  let capped = false;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let read = 0;
    for await (const chunk of await open()) {
      if (read >= maxBytes) {
        capped = true;
        return;
      }
      const piece = chunk.length > maxBytes - read ? chunk.subarray(0, maxBytes - read) : chunk;
      read += piece.length;
      if (piece.length > 0) yield piece;
      if (piece.length < chunk.length) {
        capped = true;
        return;
      }
    }
  }
  return {
    get capped() {
      return capped;
    },
    [Symbol.asyncIterator]: () => chunks(),
  };
};

const NEWLINE = 10;

/** The bytes after the first newline: a download that began mid-log starts with a cut line. */
export async function* afterFirstLine(source: ByteSource): AsyncGenerator<Uint8Array> {
  let skipping = true;
  for await (const chunk of source) {
    if (!skipping) {
      yield chunk;
      continue;
    }
    const nl = chunk.indexOf(NEWLINE);
    if (nl === -1) continue;
    skipping = false;
    if (nl + 1 < chunk.length) yield chunk.subarray(nl + 1);
  }
}
