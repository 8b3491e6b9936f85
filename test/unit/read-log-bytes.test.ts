import { describe, expect, test } from "@jest/globals";
import { extractExcerptFromBytes } from "../../src/core/diagnose/excerpt-engine.js";
import { fallbackSignatures } from "../../src/core/diagnose/fallback-signatures.js";
import { afterFirstLine, readLogBytes } from "../../src/core/diagnose/read-log-bytes.js";

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const split = (bytes: Uint8Array, size: number): Uint8Array[] =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
const collect = async (chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> => {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
};
async function* endless(counter: { pulled: number }): AsyncGenerator<Uint8Array> {
  for (;;) {
    counter.pulled += 1;
    yield encode("0123456789\n");
  }
}

describe("readLogBytes", () => {
  const text = "\ufeffnaïve ✓ 日本語\r\nsecond 😀 line\n\nlast";
  const bytes = encode(text);

  test.each([1, 2, 3, 5, 7, 64])("chunks of %i bytes pass unchanged, and the engine reads the same lines as from one chunk", async (size) => {
    expect(Buffer.from(await collect(readLogBytes(async () => split(bytes, size), 1_000))).equals(Buffer.from(bytes))).toBe(true);
    const excerpt = await extractExcerptFromBytes(readLogBytes(async () => split(bytes, size), 1_000), fallbackSignatures());
    expect(excerpt.lines).toEqual(["naïve ✓ 日本語", "second 😀 line", "last"]);
    expect(excerpt.totalLines).toBe(4);
  });

  test("a budget that ends the stream exactly is not a cap", async () => {
    const log = readLogBytes(async () => [encode("a\nb\n")], 4);
    expect(await collect(log)).toEqual(encode("a\nb\n"));
    expect(log.capped).toBe(false);
  });

  test("a capped stream stops pulling chunks, and the engine leaves its cut last line out", async () => {
    const counter = { pulled: 0 };
    const log = readLogBytes(async () => endless(counter), 100);
    const excerpt = await extractExcerptFromBytes(log, fallbackSignatures());
    expect(log.capped).toBe(true);
    expect(counter.pulled).toBe(10);
    expect(excerpt.totalLines).toBe(9); // 9 whole lines of 11 bytes; the 10th is cut after one byte
    expect(excerpt.lines).toEqual(["0123456789 (repeated 9 times)"]);
    expect(excerpt.truncated).toBe(true);
  });

  test("a giant line is shown cut, with the exact number of characters left out, and the next line is intact", async () => {
    const giant = encode(`${"z".repeat(200_000)}\nnext\n`);
    const excerpt = await extractExcerptFromBytes(readLogBytes(async () => split(giant, 10_000), 10_000_000), fallbackSignatures());
    expect(excerpt.lines).toEqual([`${"z".repeat(500)}… (199500 more characters)`, "next"]);
  });
});

describe("afterFirstLine", () => {
  test("drops the bytes up to the first newline, however the chunks are cut", async () => {
    const bytes = encode("cut line\nwhole line\nlast\n");
    for (const size of [1, 4, 9, 10, 100]) {
      expect(new TextDecoder().decode(await collect(afterFirstLine(split(bytes, size))))).toBe("whole line\nlast\n");
    }
  });

  test("a stream without a newline is all cut line", async () => {
    expect(await collect(afterFirstLine([encode("no newline")]))).toEqual(new Uint8Array(0));
  });

  test("a stream the engine reads with startMissing is truncated, its lines all there", async () => {
    const log = Object.assign(readLogBytes(async () => afterFirstLine([encode("ut line\nerror: boom\n")]), 1_000), { startMissing: true });
    const excerpt = await extractExcerptFromBytes(log, fallbackSignatures());
    expect(excerpt.lines).toEqual(["error: boom"]);
    expect(excerpt.truncated).toBe(true);
  });
});
