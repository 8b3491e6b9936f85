import { describe, expect, test } from "@jest/globals";
import { buildLiteralMatcher } from "../../src/core/diagnose/literal-matcher.js";
import { buildKeywordAutomaton, createTextKeywordTest } from "../../src/core/diagnose/keyword-automaton.js";

describe("buildLiteralMatcher", () => {
  const matcher = buildLiteralMatcher([["eresolve"], ["error", "fatal"], null, ["resolve"], ["✕ "]]);

  test("finds every signature whose literal occurs, ASCII case folded, with the literal-less ones", () => {
    expect(matcher.candidates("npm ERR! code ERESOLVE")).toEqual([0, 2, 3]); // "resolve" ends inside "eresolve"
    expect(matcher.candidates("Fatal: Error")).toEqual([1, 2]);
    expect(matcher.candidates("  ✕ stores values")).toEqual([2, 4]);
    expect(matcher.candidates("all good")).toEqual([2]);
  });

  test("agrees with a naive search on many lines", () => {
    const literals = [["abc"], ["bcd"], ["cab", "dd"], ["ééé"], ["日本"], ["a😀b"]];
    const m = buildLiteralMatcher(literals);
    const alphabet = ["a", "b", "c", "d", "A", "é", " ", "日", "本", "😀"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2_000; i += 1) {
      const line = Array.from({ length: 12 }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
      const lower = line.replace(/[A-Z]/g, (c) => c.toLowerCase());
      const naive = literals.flatMap((ls, j) => (ls.some((l) => lower.includes(l)) ? [j] : []));
      expect(m.candidates(line)).toEqual(naive);
    }
  });
  test("reads a lone surrogate as U+FFFD, as UTF-8 encoding writes it", () => {
    expect(buildLiteralMatcher([["x\ufffdy"]]).candidates("x\ud800y")).toEqual([0]);
  });
});

describe("keyword automaton", () => {
  test("tells keyword lines apart, case folded, one line at a time", () => {
    const has = createTextKeywordTest(buildKeywordAutomaton(["error", "✕ ", "##["]));
    expect(["ERROR: x", "  ✕ fails", "##[group]", "fine", "err or"].map(has)).toEqual([true, true, true, false, false]);
  });
});
