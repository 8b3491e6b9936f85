/**
 * Byte searches and UTF-8 decoding at native speed. On Node, Buffer's methods do the work (a
 * memchr search is several times faster than TypedArray's indexOf, and decoding a slice needs no
 * view object); they take any Uint8Array. Elsewhere the standard methods give the same answers.
 */
const native = typeof Buffer === "function" ? Buffer.prototype : null;
const fallbackDecoder = new TextDecoder();

/** The position of the next `byte` at or after `from`, -1 if none. */
export const indexOfByte: (bytes: Uint8Array, byte: number, from: number) => number =
  native === null ? (bytes, byte, from) => bytes.indexOf(byte, from) : (bytes, byte, from) => native.indexOf.call(bytes, byte, from);

/** The position of the last `byte` at or before `from`, -1 if none. */
export const lastIndexOfByte: (bytes: Uint8Array, byte: number, from: number) => number =
  native === null
    ? (bytes, byte, from) => (from < 0 ? -1 : bytes.lastIndexOf(byte, from))
    : (bytes, byte, from) => (from < 0 ? -1 : native.lastIndexOf.call(bytes, byte, from));

/** `bytes[start..end)` decoded as UTF-8, invalid sequences as U+FFFD (as TextDecoder does). */
export const decodeUtf8: (bytes: Uint8Array, start: number, end: number) => string =
  native === null ? (bytes, start, end) => fallbackDecoder.decode(bytes.subarray(start, end)) : (bytes, start, end) => native.utf8Slice.call(bytes, start, end);
