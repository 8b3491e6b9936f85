import { describe, expect, test } from "@jest/globals";
import { compileSignatures } from "../../src/core/diagnose/compile-signatures.js";
import { ExcerptBuilder, extractExcerptFromBytes, extractExcerptFromLines, extractExcerptFromText, GAP } from "../../src/core/diagnose/excerpt-engine.js";
import { SignatureSet } from "../../src/schemas/failure-signature.js";

const sig = (id: string, cause: string, pattern: string, weight: number, role = "explains", line = "x") => ({
  id, ecosystem: "generic", cause, pattern, weight, role, examples: [{ line, matches: true }],
}); // prettier-ignore
const signatures = compileSignatures(
  SignatureSet.parse({
    version: 1,
    signatures: [
      sig("npm-eresolve", "dependency", "npm ERR! code ERESOLVE", 0.9),
      sig("tsc-error", "compilation", "error TS\\d+:", 0.85),
      sig("generic-error", "unknown", "\\berror\\b", 0.3),
      sig("stack-frame", "unknown", "^\\s+at \\S", 0, "context"),
      sig("download-noise", "unknown", "^Downloading \\S", 0, "noise"),
    ],
  }),
);
const ts = (i: number) => `2026-11-23T14:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}.0000000Z`;
const actionsLog = (lines: string[], eol = "\n") => `\ufeff${lines.map((l, i) => `${ts(i)} ${l}`).join(eol)}${eol}`;
const noise = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `step ${from + i} ok`);
const chunked = (bytes: Uint8Array, sizes: number[]): Uint8Array[] => {
  const out: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i += 1) {
    const size = sizes[i % sizes.length]!;
    out.push(bytes.slice(at, at + size)); // copies: the builder keeps chunks it is given
    at += size;
  }
  return out;
};
async function* iterate<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

describe("extractExcerptFromText", () => {
  test("keeps the explaining lines with context, drops noise and group markers, strips ##[error]", () => {
    // The final ##[error] line brings its own context: the last lines a failing step printed.
    const log = actionsLog([
      "##[group]Run npm ci",
      ...noise(30),
      "Downloading left-pad-1.3.0.tgz",
      "npm ERR! code ERESOLVE",
      "npm ERR! While resolving: shop@1.0.0",
      "##[endgroup]",
      ...noise(20, 31),
      "##[error]Process completed with exit code 1.",
    ]);
    const result = extractExcerptFromText(log, signatures);
    expect(result.lines).toEqual(["step 28 ok", "step 29 ok", "step 30 ok", "npm ERR! code ERESOLVE", "npm ERR! While resolving: shop@1.0.0", "step 31 ok", "step 32 ok", GAP, "step 48 ok", "step 49 ok", "step 50 ok", "Process completed with exit code 1."]);
    expect(result.startLine).toBe(28);
    expect(result.totalLines).toBe(54);
    expect(result.matches).toEqual([{ signatureId: "npm-eresolve", cause: "dependency", weight: 0.9, line: 32, text: "npm ERR! code ERESOLVE" }]);
    expect(result.truncated).toBe(false);
  });

  test("CRLF endings, carriage-return frames and the BOM are cleaned", () => {
    const log = actionsLog(["Pulling 10%\rPulling 100%", "error TS2322: Type 'number' is not assignable"], "\r\n");
    const { lines } = extractExcerptFromText(log, signatures);
    expect(lines).toEqual(["Pulling 100%", "error TS2322: Type 'number' is not assignable"]);
  });

  test("repeated lines are collapsed and counted", () => {
    const { lines } = extractExcerptFromText([...Array(1_000).fill("error: retrying"), "done"].join("\n"), signatures);
    expect(lines).toEqual(["error: retrying (repeated 1000 times)", "done"]);
  });

  test("a 1 MB line is matched and shown cut to 500 characters", () => {
    const huge = `error TS2304: Cannot find name ${"x".repeat(1024 * 1024)}`;
    const result = extractExcerptFromText(["ok", huge, "ok"].join("\n"), signatures);
    expect(result.lines[1]).toMatch(/^error TS2304: Cannot find name x+… \(1048107 more characters\)$/);
    expect(result.lines[1]!.length).toBeLessThan(600);
    expect(result.matches.map((m) => m.signatureId)).toContain("tsc-error");
  });

  test("never more than maxLines lines, and the final ##[error] line is always kept", () => {
    const lines = Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? `src/f${i}.ts(1,1): error TS2322: bad ${i}` : `line ${i}`));
    const log = actionsLog([...lines, ...noise(300), "##[error]Process completed with exit code 2."]);
    const result = extractExcerptFromText(log, signatures, { maxLines: 40 });
    expect(result.lines.length).toBeLessThanOrEqual(40);
    expect(result.lines.at(-1)).toBe("Process completed with exit code 2.");
    expect(result.lines).toContain("src/f497.ts(1,1): error TS2322: bad 497");
    expect(result.truncated).toBe(true);
  });

  test("context lines such as stack frames follow an explaining line beyond the plain context", () => {
    const log = ["boot", "Error: error in handler", ...Array.from({ length: 6 }, (_, i) => `    at f${i} (src/a.ts:${i}:1)`), "after 1", "after 2", "after 3", "after 4"].join("\n");
    const { lines } = extractExcerptFromText(log, signatures);
    expect(lines).toEqual(["boot", "Error: error in handler", ...Array.from({ length: 6 }, (_, i) => `    at f${i} (src/a.ts:${i}:1)`), "after 1", "after 2", "after 3"]);
  });

  test("a line that merely says error is left out next to a far stronger explanation", () => {
    const log = ["error: retry 1 of 3", ...noise(20), "src/a.ts(1,1): error TS2322: bad", ...noise(20, 21)].join("\n");
    const { lines } = extractExcerptFromText(log, signatures);
    expect(lines).toEqual(["step 18 ok", "step 19 ok", "step 20 ok", "src/a.ts(1,1): error TS2322: bad", "step 21 ok", "step 22 ok", "step 23 ok"]);
  });

  test("without any match, the tail of the log", () => {
    const result = extractExcerptFromText(noise(100).join("\n"), signatures, { maxLines: 10 });
    expect(result.lines).toEqual(noise(10, 91));
    expect(result.startLine).toBe(91);
    expect(result.matches).toEqual([]);
  });
});

describe("streaming", () => {
  const lines = [
    "##[group]Run npm test",
    ...noise(2_000),
    "Downloading react-18.2.0.tgz",
    "npm ERR! code ERESOLVE",
    ...Array(50).fill("error: retry"),
    "naïve café ✓ 日本語 error here",
    "\u001b[31merror TS2322: Type 'x'\u001b[0m",
    ...noise(3_000, 2_001),
    "##[endgroup]",
    "##[error]Process completed with exit code 1.",
  ];
  const text = actionsLog(lines, "\r\n");
  const bytes = new TextEncoder().encode(text);
  const whole = extractExcerptFromText(text, signatures);

  test("pushed line by line equals the whole text", async () => {
    const split = text.split("\n");
    if (split.at(-1) === "") split.pop();
    await expect(extractExcerptFromLines(iterate(split), signatures)).resolves.toEqual(whole);
  });

  test.each([[[1]], [[3, 7, 2]], [[4096]], [[65_536, 13]]])("bytes in chunks of %j equal the whole text", async (sizes) => {
    await expect(extractExcerptFromBytes(iterate(chunked(bytes, sizes)), signatures)).resolves.toEqual(whole);
  });

  test("invalid UTF-8 becomes U+FFFD without losing the line", async () => {
    const raw = new Uint8Array([...new TextEncoder().encode("ok\nerror: bad byte "), 0xff, 0xfe, ...new TextEncoder().encode("\nend\n")]);
    const result = await extractExcerptFromBytes(iterate(chunked(raw, [5])), signatures);
    expect(result.lines).toEqual(["ok", "error: bad byte \ufffd\ufffd", "end"]);
  });

  test("a capped stream marks the excerpt truncated", async () => {
    const capped = Object.assign(iterate(["error: one", "two"]), { capped: true });
    await expect(extractExcerptFromLines(capped, signatures)).resolves.toMatchObject({ truncated: true });
  });

  test("a failing test whose bullet is coloured apart from its space is found in bytes as in lines", async () => {
    const bullets = compileSignatures(SignatureSet.parse({ version: 1, signatures: [sig("bullet", "test-failure", "^\\s*✕ \\S", 0.8)] }));
    const log = ["ok", "  \u001b[31m✕\u001b[39m stores values (4 ms)", "ok"].join("\n");
    const fromBytes = await extractExcerptFromBytes(iterate([new TextEncoder().encode(log)]), bullets);
    expect(fromBytes.matches.map((m) => m.signatureId)).toEqual(["bullet"]);
    expect(fromBytes).toEqual(extractExcerptFromText(log, bullets));
  });

  test("a builder takes lines or bytes, not both", () => {
    const builder = new ExcerptBuilder(signatures);
    builder.push("a");
    expect(() => builder.pushBytes(new Uint8Array([0x61, 0x0a]))).toThrow("lines or bytes");
  });
});
