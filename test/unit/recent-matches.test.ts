import { describe, expect, test } from "@jest/globals";
import type { CompiledSignature } from "../../src/core/diagnose/compile-signatures.js";
import { RecentMatches } from "../../src/core/diagnose/recent-matches.js";

const sig = (id: string): CompiledSignature => ({ id, cause: "unknown", weight: 0.5, summary: undefined, regex: /x/, literals: null });

describe("RecentMatches", () => {
  test("keeps every match until full, oldest first", () => {
    const recent = new RecentMatches(4);
    recent.add([sig("a"), sig("b")], 3, "line three");
    recent.add([], 4, "no match");
    recent.add([sig("c")], 7, "line seven");
    expect(recent.list()).toEqual([
      { signatureId: "a", cause: "unknown", weight: 0.5, line: 3, text: "line three" },
      { signatureId: "b", cause: "unknown", weight: 0.5, line: 3, text: "line three" },
      { signatureId: "c", cause: "unknown", weight: 0.5, line: 7, text: "line seven" },
    ]);
  });

  test("past its size, keeps the last ones", () => {
    const recent = new RecentMatches(3);
    for (let line = 1; line <= 10; line += 1) recent.add([sig(`s${line}`)], line, `line ${line}`);
    expect(recent.list().map((m) => m.line)).toEqual([8, 9, 10]);
    recent.add([sig("x"), sig("y")], 11, "line 11");
    expect(recent.list().map((m) => m.signatureId)).toEqual(["s10", "x", "y"]);
  });
});
