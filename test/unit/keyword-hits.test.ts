import { describe, expect, test } from "@jest/globals";
import { KeywordHits } from "../../src/core/diagnose/keyword-hits.js";

describe("KeywordHits", () => {
  test("adds past its first arrays, and after viewing columns written elsewhere goes back to its own", () => {
    const hits = new KeywordHits();
    hits.clear();
    for (let k = 0; k < 1_000; k += 1) hits.addLine(10 * k, k, 10 * k - 3, 10 * k + 4);
    expect([hits.length, hits.positions[999], hits.lines[999], hits.starts[999], hits.ends[999]]).toEqual([1_000, 9_990, 999, 9_987, 9_994]);
    const elsewhere = { positions: Int32Array.of(5), lines: Int32Array.of(0), starts: Int32Array.of(0), ends: Int32Array.of(9) };
    hits.view(elsewhere, 1);
    expect([hits.length, hits.ends[0]]).toEqual([1, 9]);
    hits.clear();
    hits.addLine(1, 2, 3, 4);
    expect(Array.from(elsewhere.ends)).toEqual([9]);
    expect([hits.length, hits.positions[0], hits.ends[0]]).toEqual([1, 1, 4]);
  });
});
