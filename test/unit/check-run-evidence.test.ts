import { beforeAll, describe, expect, test } from "@jest/globals";
import { loadSignatures } from "../../src/adapters/signatures/load-signatures.js";
import { annotationLine, CHECK_OUTPUT_MAX_LINES, checkRunLines, checkRunLog, diagnoseCheckSuite, markdownLines } from "../../src/core/diagnose/check-run-evidence.js";
import type { CompiledSignatures } from "../../src/core/diagnose/compile-signatures.js";
import type { CheckRunAnnotation, FailedCheckRun } from "../../src/ports/code-host.js";
import { InMemoryCodeHost } from "./support/in-memory-code-host.js";

const repo = { owner: "acme", name: "api" };
const run = (over: Partial<FailedCheckRun> = {}): FailedCheckRun => ({
  id: 7,
  name: "test",
  conclusion: "failure",
  url: "https://circleci.example/jobs/7",
  title: "1 test failed",
  summary: "<details><summary>Jest</summary>\n\nTests: 1 failed, 11 passed, 12 total\n</details>",
  text: "```\nFAIL src/limits.test.ts\n  expect(received).toBe(expected)\n```",
  ...over,
});
const annotation = (over: Partial<CheckRunAnnotation> = {}): CheckRunAnnotation => ({
  path: "src/limits.test.ts",
  startLine: 12,
  level: "failure",
  title: null,
  message: "● limits › rejects bodies over 1 MB\n\n  Expected: 413\n  Received: 200",
  ...over,
});

let signatures: CompiledSignatures;
beforeAll(async () => {
  signatures = await loadSignatures();
});

describe("check run lines", () => {
  test("markdown loses its fences and HTML tags, and escaped text is decoded", () => {
    expect(markdownLines("<b>x &lt; y</b>\n```ts\ncode &amp; more\n```")).toEqual(["x < y", "code & more"]);
    expect(markdownLines(null)).toEqual([]);
  });

  test("an annotation is one compiler-style line, its message joined", () => {
    expect(annotationLine(annotation())).toBe("src/limits.test.ts:12: failure: ● limits › rejects bodies over 1 MB Expected: 413 Received: 200");
    expect(annotationLine(annotation({ title: "TS2322", message: "Type 'number' is not assignable" }))).toBe("src/limits.test.ts:12: failure: TS2322: Type 'number' is not assignable");
  });

  test("title, summary and text come first, then the annotations; output is capped, annotations are not", () => {
    expect(checkRunLines(run(), [annotation({ level: "warning", message: "slow test" })])).toEqual([
      "1 test failed",
      "Jest",
      "Tests: 1 failed, 11 passed, 12 total",
      "FAIL src/limits.test.ts",
      "  expect(received).toBe(expected)",
      "src/limits.test.ts:12: warning: slow test",
    ]);
    const long = checkRunLines(run({ text: Array.from({ length: 3000 }, (_, i) => `line ${i}`).join("\n") }), [annotation()]);
    expect(long).toHaveLength(CHECK_OUTPUT_MAX_LINES + 1);
    expect(long.at(-1)).toMatch(/^src\/limits\.test\.ts:12: failure: /);
  });

  test("the log is titled by the run and iterates its lines", async () => {
    const log = checkRunLog(run({ title: null, summary: "boom", text: null }), []);
    const lines: string[] = [];
    for await (const line of log.lines) lines.push(line);
    expect(log.title).toBe("test");
    expect(log.url).toBe("https://circleci.example/jobs/7");
    expect(lines).toEqual(["boom"]);
  });
});

describe("diagnoseCheckSuite", () => {
  test("the failed runs' output and annotations become evidence and a test-failure cause", async () => {
    const host = new InMemoryCodeHost();
    host.checkRuns.set(42, [run()]);
    host.annotations.set(7, [annotation()]);
    const diagnosis = await diagnoseCheckSuite(host, { signatures, ranker: null, knownSecrets: [] }, repo, 42);
    expect(diagnosis.cause).toBe("test-failure");
    expect(diagnosis.evidence).toHaveLength(1);
    expect(diagnosis.evidence[0]?.title).toBe("test › 1 test failed");
    expect(diagnosis.evidence[0]?.lines.join("\n")).toContain("src/limits.test.ts:12: failure: ● limits › rejects bodies over 1 MB");
  });

  test("listings cut at the page cap are said in the evidence title, and cut annotations mark it truncated", async () => {
    const host = new InMemoryCodeHost();
    host.checkRuns.set(42, [run()]);
    host.annotations.set(7, [annotation()]);
    host.cappedListings.add(7);
    const diagnosis = await diagnoseCheckSuite(host, { signatures, ranker: null, knownSecrets: [] }, repo, 42);
    expect(diagnosis.evidence[0]?.title).toBe("test › 1 test failed (annotations past the page cap not read)");
    expect(diagnosis.evidence[0]?.truncated).toBe(true);
    host.cappedListings.delete(7);
    host.cappedListings.add(42);
    const suiteCut = await diagnoseCheckSuite(host, { signatures, ranker: null, knownSecrets: [] }, repo, 42);
    expect(suiteCut.evidence[0]?.title).toBe("test › 1 test failed (check runs past the page cap not read)");
  });

  test("a suite with no failed runs gives no evidence", async () => {
    const diagnosis = await diagnoseCheckSuite(new InMemoryCodeHost(), { signatures, ranker: null, knownSecrets: [] }, repo, 42);
    expect(diagnosis.evidence).toEqual([]);
    expect(diagnosis.cause).toBe("unknown");
  });
});
