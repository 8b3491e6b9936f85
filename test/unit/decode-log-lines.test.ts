import { describe, expect, test } from "@jest/globals";
import { decodeLogLines, MAX_DECODED_LINE } from "../../src/core/diagnose/decode-log-lines.js";

const collect = async (lines: AsyncIterable<string>): Promise<string[]> => {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
};
const split = (bytes: Uint8Array, size: number): Uint8Array[] =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

describe("decodeLogLines", () => {
  const text = "\ufeffnaïve ✓ 日本語\r\nsecond 😀 line\n\nlast";
  const bytes = new TextEncoder().encode(text);

  test.each([1, 2, 3, 5, 7, 64])("chunks of %i bytes give the same lines as one chunk", async (size) => {
    await expect(collect(decodeLogLines(async () => split(bytes, size), 1_000))).resolves.toEqual(["naïve ✓ 日本語", "second 😀 line", "", "last"]);
  });

  test("a budget that ends the stream exactly is not a cap", async () => {
    const lines = decodeLogLines(async () => [new TextEncoder().encode("a\nb\n")], 4);
    await expect(collect(lines)).resolves.toEqual(["a", "b"]);
    expect(lines.capped).toBe(false);
  });

  test("a capped stream stops pulling chunks", async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        pulled += 1;
        yield new TextEncoder().encode("0123456789\n");
      }
    }
    const lines = decodeLogLines(async () => endless(), 100);
    await expect(collect(lines)).resolves.toHaveLength(9);
    expect(lines.capped).toBe(true);
    expect(pulled).toBe(10);
  });

  test("a giant line is cut, and the next line is intact", async () => {
    const giant = new TextEncoder().encode(`${"z".repeat(MAX_DECODED_LINE * 3)}\nnext\n`);
    const got = await collect(decodeLogLines(async () => split(giant, 10_000), 10_000_000));
    expect(got.map((l) => l.length)).toEqual([MAX_DECODED_LINE, 4]);
  });
});
