import { describe, expect, test } from "@jest/globals";
import { compileSignatures } from "../../src/core/diagnose/compile-signatures.js";
import { KnownLines, stampEnd, type DecodeLine } from "../../src/core/diagnose/known-lines.js";
import { timestampLength } from "../../src/core/diagnose/clean-log-line.js";
import { LineJudge } from "../../src/core/diagnose/line-judge.js";
import { SignatureSet } from "../../src/schemas/failure-signature.js";

const sig = (id: string, pattern: string, weight: number, role = "explains") => ({
  id, ecosystem: "generic", cause: "unknown", pattern, weight, role, examples: [{ line: "x", matches: true }],
}); // prettier-ignore
const signatures = compileSignatures(
  SignatureSet.parse({
    version: 1,
    signatures: [sig("error-word", "\\berror\\b", 0.3), sig("leading-space-error", "^ error", 0.6), sig("passing", "✓ .*error", 0, "noise")],
  }),
);

const decode: DecodeLine = (bytes, start, end, hidden) => ({ raw: new TextDecoder().decode(bytes.subarray(start, end)), hidden });
// The line inside a larger block, as the reader hands it over.
const lineOf = (known: KnownLines, text: string, hidden = 0) => {
  const bytes = new TextEncoder().encode(`before\n${text}\nafter`);
  return known.line(bytes, 7, bytes.length - 6, hidden, decode);
};

describe("KnownLines", () => {
  // Lines that differ only in their timestamp share a verdict; lines that a timestamp, the space
  // after it, a colour code or a progress frame would clean differently must not.
  const lines = [
    "2026-11-23T14:02:01.1234567Z error: boom",
    "2026-11-23T14:09:59.0000001Z error: boom",
    "2026-11-23T14:09:59Z error: boom",
    "2026-11-23T14:02:01.1234567Z\u001b[0m error: boom",
    "2026-11-23T14:02:01.1234567Z \u001b[0m error: boom",
    " error: boom",
    "error: boom",
    "2026-11-23T14:02:01.1234567Z  error: boom",
    "2026-11-23T14:02:01.1234567Z Pulling\rerror: boom\r",
    "2026-11-23T14:02:01.1234567Z error: boom\r\r",
    "2026-11-23T14:02:01.1234567Z ",
    "2026-11-23T14:02:01.1234567Z ##[group]Run error check",
    "2026-11-23T14:02:01.1234567Z ##[error]error: boom",
    "\ufeff2026-11-23T14:02:01.1234567Z error: boom",
    "2026-11-23T14:02:01.1234567Z   ✓ handles error responses (3 ms)",
    "2026-11-23T14:02:02.1234567Z   ✓ handles error responses (3 ms)",
  ];

  test("every line gets the verdict a fresh judge gives it, in any order, seen once or again", () => {
    const judge = new LineJudge(signatures);
    const known = new KnownLines(judge);
    for (const order of [lines, [...lines].reverse(), lines]) {
      for (const raw of order) {
        const line = lineOf(known, raw);
        const fresh = judge.judge(raw);
        expect({ view: line.view, candidates: line.candidates }).toEqual(fresh);
        expect(known.isNoise(line)).toBe(fresh.view.kind === "line" && judge.isNoise(fresh.view.subject, fresh.candidates));
        if (line.view.kind === "line" && fresh.view.kind === "line") expect(known.weigh(line, line.view)).toEqual(judge.weigh(fresh.view, fresh.candidates));
      }
    }
  });

  test("a line repeated under another timestamp is looked up, not judged again", () => {
    const known = new KnownLines(new LineJudge(signatures));
    const first = lineOf(known, lines[0]!);
    expect(lineOf(known, lines[1]!)).toBe(first);
    expect(lineOf(known, lines[2]!)).toBe(first); // no fraction: the same text after the Z
    expect(lineOf(known, lines[3]!)).not.toBe(first); // no space after the Z
    expect(lineOf(known, " error: boom")).not.toBe(first); // no timestamp
  });

  test("a giant line (characters cut off its end) is judged afresh", () => {
    const known = new KnownLines(new LineJudge(signatures));
    expect(lineOf(known, "error: boom", 10)).not.toBe(lineOf(known, "error: boom", 10));
    expect(lineOf(known, "error: boom", 10).view).toMatchObject({ kind: "line", text: "error: boom" });
  });
});

describe("stampEnd", () => {
  test.each([
    "2026-11-23T14:02:01.1234567Z error",
    "2026-11-23T14:02:01Z error",
    "2026-11-23T14:02:01.5Zx",
    "2026-11-23T14:02:01.Z error",
    "2026-11-23T14:02:01.123 error",
    "2026-11-23 14:02:01Z error",
    "\ufeff2026-11-23T14:02:01Z error",
    "2026-11-23T14:02:01Z",
    "2026-11-23T14:02:0",
    "error",
  ])("finds the timestamp timestampLength finds in %j", (line) => {
    const bytes = new TextEncoder().encode(line);
    const length = timestampLength(line);
    const z = length === 0 ? -1 : line.charCodeAt(length - 1) === 90 ? length : length - 1;
    expect(stampEnd(bytes, 0, bytes.length)).toBe(z);
  });
});
