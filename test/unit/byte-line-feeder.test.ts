import { describe, expect, test } from "@jest/globals";
import { ByteLineFeeder, type KeywordLineSink } from "../../src/core/diagnose/byte-line-feeder.js";
import { buildKeywordAutomaton } from "../../src/core/diagnose/keyword-automaton.js";

const encoder = new TextEncoder();

const feed = (automatonLiterals: string[], matchAll: boolean, chunks: string[]) => {
  const seen: Array<[number, string]> = [];
  const sink: KeywordLineSink = {
    keywordLine: (index, bytes, start, end, hidden) => seen.push([index, feeder.decodeLine(bytes, start, end, hidden).raw]),
    forget: () => {},
  };
  const feeder = new ByteLineFeeder(sink, buildKeywordAutomaton(automatonLiterals, matchAll), { keepLines: 10, maxLineBytes: 1024 });
  for (const chunk of chunks) feeder.write(encoder.encode(chunk));
  feeder.end();
  return { seen, lines: feeder.lines };
};

describe("ByteLineFeeder", () => {
  test("hands over each keyword line with its index, whole, also when chunks cut it", () => {
    const { seen, lines } = feed(["error"], false, ["ok\nan err", "or here\nfine\nerror at the end"]);
    expect(seen).toEqual([
      [1, "an error here"],
      [3, "error at the end"],
    ]);
    expect(lines).toBe(4);
  });

  test("an automaton that matches all lines hands over every line", () => {
    const { seen } = feed([], true, ["one\ntwo\n", "\nfour"]);
    expect(seen).toEqual([
      [0, "one"],
      [1, "two"],
      [2, ""],
      [3, "four"],
    ]);
  });
});
