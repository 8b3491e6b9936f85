import { describe, expect, test } from "@jest/globals";
import { RegionStore } from "../../src/core/diagnose/excerpt-regions.js";

const options = { before: 4, after: 8, maxSpan: 100, maxRegions: 3 };
const lineBefore = (i: number) => i; // no group markers
const rawLines = (first: number, end: number) => Array.from({ length: end - first }, (_, k) => ({ raw: `line ${first + k}`, hidden: 0 }));

describe("RegionStore", () => {
  test("an explaining line within reach of the open region extends it; a farther one opens the next", () => {
    const store = new RegionStore(options);
    store.explain(20, 0.3, 0, lineBefore);
    store.explain(30, 0.9, 0, lineBefore); // 30 - 4 <= 20 + 8 + 1
    store.explain(60, 0.5, 0, lineBefore);
    expect(store.all().map(({ first, last, weight }) => ({ first, last, weight }))).toEqual([
      { first: 16, last: 38, weight: 0.9 },
      { first: 56, last: 68, weight: 0.5 },
    ]);
    expect(store.droppedRegions).toBe(false);
  });

  test("past maxRegions the weakest older region goes; the two most recent always stay", () => {
    const store = new RegionStore(options);
    for (const [at, weight] of [[100, 0.9], [200, 0.2], [300, 0.5], [400, 0.1], [500, 0.1]] as const) store.explain(at, weight, 0, lineBefore);
    expect(store.all().map((r) => r.weight)).toEqual([0.9, 0.1, 0.1]);
    expect(store.droppedRegions).toBe(true);
  });

  test("a region does not start before the first line still readable", () => {
    const store = new RegionStore(options);
    store.explain(10, 0.3, 8, lineBefore);
    expect(store.all()[0]).toMatchObject({ first: 8, lineBefore: 8 });
  });

  test("lines the reader forgets are copied for kept regions only, once", () => {
    const store = new RegionStore(options);
    store.explain(20, 0.3, 0, lineBefore); // 16..28
    store.capture(0, 18, rawLines);
    store.capture(18, 40, rawLines);
    const [region] = store.all();
    expect(region!.captured.map((l) => l.raw)).toEqual(Array.from({ length: 13 }, (_, k) => `line ${16 + k}`));
    expect(region!.capturedEnd).toBe(29);
  });

  test("a run of explaining lines longer than twice maxSpan keeps its last maxSpan lines, marked trimmed", () => {
    const store = new RegionStore(options);
    for (let i = 0; i < 1_000; i += 1) {
      store.explain(i, 0.3, 0, lineBefore);
      if (i % 50 === 49) store.capture(i - 49, i + 1, rawLines);
    }
    const [region] = store.all();
    expect(region!.trimmed).toBe(true);
    expect(region!.last - region!.first + 1).toBeLessThanOrEqual(2 * options.maxSpan);
    expect(region!.captured[0]!.raw).toBe(`line ${region!.first}`);
    expect(region!.lineBefore).toBe(region!.first);
  });
});
