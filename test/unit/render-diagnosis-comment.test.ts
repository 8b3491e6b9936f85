import { describe, expect, test } from "@jest/globals";
import { readMarker } from "../../src/core/render/hidden-marker.js";
import { COMMENT_BODY_LIMIT, renderDiagnosisComment, renderSummaryLine } from "../../src/core/render/render-diagnosis-comment.js";
import type { Diagnosis } from "../../src/schemas/diagnosis.js";

const diagnosis = (lines: string[][]): Diagnosis => ({
  cause: "test-failure",
  confidence: 0.9,
  summary: "Jest test failed: ● cart › totals keep cents @dana [click](https://evil.example)",
  hypotheses: [{ cause: "test-failure", summary: "a test failed", confidence: 0.9 }],
  evidence: lines.map((l, i) => ({ kind: "log-excerpt", title: `job <${i}>`, url: `https://github.com/acme/web/actions/runs/1/job/${i}`, lines: l, startLine: 10, truncated: false })),
  suspects: [],
  suspectRange: null,
  runbookId: null,
  method: "deterministic",
  llmNote: null,
  related: [],
  owners: [],
  tokens: { in: 0, out: 0 },
});
const run = { workflow: "CI `nightly`", url: "https://github.com/acme/web/actions/runs/1", headSha: "a".repeat(40), headBranch: "feat/x" };
const marker = { incident: "inc-0123456789ab", kind: "diagnosis-comment" as const };

describe("renderDiagnosisComment", () => {
  test("summary line: run link, commit, branch, cause and the log line as code, so it cannot mention or link", () => {
    expect(renderSummaryLine(run, diagnosis([]))).toBe(
      "[`` CI `nightly` ``](https://github.com/acme/web/actions/runs/1) failed at `aaaaaaa` on `feat/x`: **test-failure** (90%) `Jest test failed: ● cart › totals keep cents @dana [click](https://evil.example)`",
    );
  });

  test("summary, one collapsible fenced excerpt per job, the diagnosis section, the footer and the marker, in that order", () => {
    const body = renderDiagnosisComment({ summary: "SUMMARY", diagnosis: diagnosis([["FAIL a", "```", "Expected: 1"]]), marker, footer: "FOOTER" });
    const excerpt = body.indexOf("<details><summary>Log excerpt: <a href=\"https://github.com/acme/web/actions/runs/1/job/0\">job &lt;0&gt;</a> (from line 10)</summary>");
    const section = body.indexOf("**test-failure** (confidence 90%)");
    expect(body.startsWith("SUMMARY\n\n")).toBe(true);
    expect(excerpt).toBeGreaterThan(0);
    expect(section).toBeGreaterThan(excerpt);
    // a fence in the log cannot close the block: the fence is longer than any backtick run inside
    expect(body).toContain("````text\nFAIL a\n```\nExpected: 1\n````");
    expect(body).toMatch(/<sub>FOOTER<\/sub>\n<!-- agenticops:v1 \{"incident":"inc-0123456789ab","kind":"diagnosis-comment"\} -->$/);
    expect(readMarker(body)).toEqual(marker);
  });

  test("huge excerpts are cut from their start to fit GitHub's limit, every block still closed", () => {
    const long = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(3, "0")} ${"x".repeat(480)}`);
    const body = renderDiagnosisComment({ summary: "S", diagnosis: diagnosis([long, long, long]), marker, footer: "F" });
    expect(body.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT);
    expect(body.match(/<details>/g)).toHaveLength(3);
    expect(body.match(/<\/details>/g)).toHaveLength(3);
    expect(body).toContain("199 xxx");
    expect(body).not.toContain("000 xxx");
    expect(body).toContain(", truncated)</summary>");
    expect(readMarker(body)).toEqual(marker);
  });

  test("without evidence the comment says so", () => {
    expect(renderDiagnosisComment({ summary: "S", diagnosis: diagnosis([]), marker, footer: "F" })).toContain("_No failed job logs were available._");
  });
});
