import { describe, expect, test } from "@jest/globals";
import { cleanLogLine, timestampLength } from "../../src/core/diagnose/clean-log-line.js";

describe("cleanLogLine", () => {
  test("strips the Actions timestamp prefix", () => {
    expect(cleanLogLine("2026-11-23T14:04:02.1234567Z npm ERR! code 1")).toBe("npm ERR! code 1");
    expect(cleanLogLine("2026-11-23T14:04:02Z done")).toBe("done");
  });

  test("keeps a timestamp that is not the line prefix", () => {
    expect(cleanLogLine("started at 2026-11-23T14:04:02Z")).toBe("started at 2026-11-23T14:04:02Z");
  });

  test("strips the byte-order mark GitHub puts before the first log line", () => {
    expect(cleanLogLine("\ufeff2026-11-23T14:02:01.0000000Z ##[group]Run make")).toBe("##[group]Run make");
  });

  test("removes ANSI colour and cursor sequences and OSC hyperlinks", () => {
    expect(cleanLogLine("\u001b[31mFAIL\u001b[39m \u001b[1msrc/cache.test.ts\u001b[22m")).toBe("FAIL src/cache.test.ts");
    expect(cleanLogLine("\u001b[2K\u001b[1Gdone")).toBe("done");
    expect(cleanLogLine("see \u001b]8;;https://example.com\u0007docs\u001b]8;;\u0007")).toBe("see docs");
  });

  test("removes colours after the timestamp", () => {
    expect(cleanLogLine("2026-11-23T14:04:02.0000000Z \u001b[36;1mnpm test\u001b[0m")).toBe("npm test");
  });

  test("keeps only the last frame of a carriage-return progress bar", () => {
    expect(cleanLogLine("Downloading 10%\rDownloading 55%\rDownloading 100%")).toBe("Downloading 100%");
    expect(cleanLogLine("Downloading 100%\r")).toBe("Downloading 100%");
  });

  test("drops trailing whitespace but keeps indentation", () => {
    expect(cleanLogLine("    at Object.<anonymous> (src/cache.ts:3:9)   \t")).toBe("    at Object.<anonymous> (src/cache.ts:3:9)");
  });

  test("truncates huge lines and says how much was cut", () => {
    const cleaned = cleanLogLine("x".repeat(2_000));
    expect(cleaned).toBe(`${"x".repeat(500)}… (1500 more characters)`);
  });

  test("leaves a line of exactly the limit alone", () => {
    expect(cleanLogLine("y".repeat(500))).toBe("y".repeat(500));
  });

  test("an empty or whitespace-only line becomes empty", () => {
    expect(cleanLogLine("")).toBe("");
    expect(cleanLogLine("2026-11-23T14:04:02.0000000Z ")).toBe("");
  });
});

describe("timestampLength", () => {
  const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\s?/;
  test.each([
    "2026-11-23T14:02:01.1234567Z npm ERR!",
    "2026-11-23T14:02:01Z done",
    "2026-11-23T14:02:01.Z x",
    "2026-11-23T14:02:01.5Zx",
    "2026-11-23T14:02:01.5Z",
    "2026-11-23T14:02:01.5Z\u00a0nbsp",
    "2026-11-23T14:02:01.5Z\tTab",
    "2026-1a-23T14:02:01Z",
    "2026-11-23T14:02:01.5",
    "2026-11-23T14-02:01Z x",
    "abcd-11-23T",
    "",
  ])("agrees with the timestamp regex on %j", (line) => {
    expect(timestampLength(line)).toBe(TIMESTAMP.exec(line)?.[0].length ?? 0);
  });
});
