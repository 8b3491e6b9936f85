import { describe, expect, test } from "@jest/globals";
import { ByteKeyTable } from "../../src/core/diagnose/byte-key-table.js";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const get = <T>(table: ByteKeyTable<T>, tag: number, text: string, pad = "") => {
  const b = bytes(`${pad}${text}${pad}`);
  return table.get(tag, b, pad.length, pad.length + bytes(text).length);
};
const set = <T>(table: ByteKeyTable<T>, tag: number, text: string, value: T) => table.set(tag, bytes(text), 0, bytes(text).length, value);

describe("ByteKeyTable", () => {
  test("finds a key wherever its bytes lie, by tag and exact bytes", () => {
    const table = new ByteKeyTable<string>(8, 1024);
    set(table, 0, "error: boom", "a");
    set(table, 1, "error: boom", "b");
    expect(get(table, 0, "error: boom", "xyz")).toBe("a");
    expect(get(table, 1, "error: boom", "\n")).toBe("b");
    expect(get(table, 2, "error: boom")).toBeUndefined();
    expect(get(table, 0, "error: bool")).toBeUndefined();
    expect(get(table, 0, "error: boo")).toBeUndefined();
    expect(get(table, 0, "")).toBeUndefined();
  });

  test("many keys that share their slots are all found", () => {
    const table = new ByteKeyTable<number>(500, 64 * 1024);
    for (let i = 0; i < 500; i += 1) set(table, 0, `line ${i}`, i);
    for (let i = 0; i < 500; i += 1) expect(get(table, 0, `line ${i}`)).toBe(i);
  });

  test("full of entries or of key bytes, it starts over", () => {
    const entries = new ByteKeyTable<number>(2, 1024);
    set(entries, 0, "a", 1);
    set(entries, 0, "b", 2);
    set(entries, 0, "c", 3);
    expect([get(entries, 0, "a"), get(entries, 0, "b"), get(entries, 0, "c")]).toEqual([undefined, undefined, 3]);
    const keyBytes = new ByteKeyTable<number>(10, 8);
    set(keyBytes, 0, "12345", 1);
    set(keyBytes, 0, "6789", 2);
    expect([get(keyBytes, 0, "12345"), get(keyBytes, 0, "6789")]).toEqual([undefined, 2]);
    set(keyBytes, 0, "too long a key", 3);
    expect([get(keyBytes, 0, "too long a key"), get(keyBytes, 0, "6789")]).toEqual([undefined, 2]);
  });
});
