import { describe, expect, test } from "@jest/globals";
import { FeedBlocks } from "../../src/core/diagnose/feed-blocks.js";

const written = () => {
  const out: Uint8Array[] = [];
  return { out, blocks: new FeedBlocks((bytes) => out.push(bytes)) };
};

describe("FeedBlocks", () => {
  test("small chunks are copied into one block, written when flushed", () => {
    const { out, blocks } = written();
    blocks.bytes(new Uint8Array([1, 2, 3]));
    blocks.bytes(new Uint8Array([4, 5]));
    expect(out).toHaveLength(0);
    blocks.flush();
    expect(out.map((b) => [...b])).toEqual([[1, 2, 3, 4, 5]]);
  });

  test("a chunk of 256 KB or more is written as it is, after what was pending", () => {
    const { out, blocks } = written();
    const big = Buffer.alloc(256 * 1024, 7);
    blocks.bytes(new Uint8Array([1]));
    blocks.bytes(big);
    expect(out).toHaveLength(2);
    expect([...out[0]!]).toEqual([1]);
    expect(out[1]!.buffer).toBe(big.buffer);
    expect(out[1]!.constructor).toBe(Uint8Array); // a plain view of the Buffer
  });

  test("chunks that overflow a block continue in the next one", () => {
    const { out, blocks } = written();
    const chunk = new Uint8Array(200 * 1024).fill(9);
    for (let i = 0; i < 6; i += 1) blocks.bytes(chunk);
    blocks.flush();
    expect(out.map((b) => b.length)).toEqual([1024 * 1024, 6 * 200 * 1024 - 1024 * 1024]);
    expect(out.every((b) => b.every((x) => x === 9))).toBe(true);
  });

  test("a released block is filled again; a chunk the caller gave is never written into", () => {
    const { out, blocks } = written();
    const big = new Uint8Array(1024 * 1024).fill(5);
    blocks.bytes(big);
    blocks.release(out[0]!);
    blocks.bytes(new Uint8Array([1]));
    blocks.flush();
    expect(big.every((x) => x === 5)).toBe(true);
    blocks.release(out[1]!);
    blocks.line("again");
    blocks.flush();
    expect(out[2]!.buffer).toBe(out[1]!.buffer);
    expect(new TextDecoder().decode(out[2]!)).toBe("again\n");
  });
});
