import { describe, expect, test } from "@jest/globals";
import { renderDiagnosis } from "../../src/core/render/render-diagnosis.js";
import { renderSuspectRange } from "../../src/core/render/render-suspect-range.js";
import { Diagnosis } from "../../src/schemas/diagnosis.js";
import { SuspectRange } from "../../src/schemas/suspect-range.js";

const sha = (c: string) => c.repeat(40);
const range = (over: Partial<SuspectRange>): SuspectRange =>
  SuspectRange.parse({ kind: "since-last-success", base: sha("a"), head: sha("f"), commits: 3, total: 3, pullRequest: null, branch: "main", lastSuccess: { runNumber: 41, url: "https://github.com/acme/web/actions/runs/41" }, reason: null, ...over });

describe("renderSuspectRange says which commits were ranked", () => {
  test("since the workflow's last success on the branch, linking that run", () => {
    expect(renderSuspectRange(range({}), 2)).toBe(
      "Suspects were ranked from the 3 commits on `main` since `aaaaaaa`, where [run #41](https://github.com/acme/web/actions/runs/41) of this workflow last passed, up to the failing `fffffff`.",
    );
  });

  test("a pull request's own commits, with a cut listing said", () => {
    expect(renderSuspectRange(range({ kind: "pull-request", base: sha("c"), pullRequest: 7, commits: 100, total: 130, lastSuccess: null }), 1)).toBe(
      "Suspects were ranked from the 100 commits of pull request #7 (`ccccccc`..`fffffff`) (the first 100 of 130: GitHub lists no more in one comparison).",
    );
  });

  test("the failing commit alone, when no earlier run passed", () => {
    expect(renderSuspectRange(range({ kind: "failing-commit", base: null, commits: 1, total: 1, lastSuccess: null }), 0)).toBe(
      "Suspects were ranked from the failing commit `fffffff` alone: no earlier successful run of this workflow on `main` was found. None of it changes what the error names or a risky file.",
    );
  });

  test("no commit when the failing commit passed before, and why when the range is unavailable", () => {
    expect(renderSuspectRange(range({ kind: "unchanged", base: sha("f"), commits: 0, total: 0 }), 0)).toBe(
      "No commit to suspect: `fffffff` itself passed [run #41](https://github.com/acme/web/actions/runs/41) of this workflow on `main`, so the failure came without a code change (flaky, or something outside the repository changed).",
    );
    expect(renderSuspectRange(range({ kind: "unavailable", base: null, commits: 0, total: 0, reason: "GitHub could not compare aaaaaaa (run #41) with fffffff" }), 0)).toBe(
      "No suspect commits: GitHub could not compare aaaaaaa (run #41) with fffffff.",
    );
  });

  test("a branch name cannot format the write-up", () => {
    expect(renderSuspectRange(range({ branch: "x`](https://evil.example)" }), 1)).toContain("on `` x`](https://evil.example) ``");
  });
});

test("renderDiagnosis puts the range after the suspects table; a diagnosis without one shows none", () => {
  const diagnosis = Diagnosis.parse({
    cause: "test-failure", confidence: 0.8, summary: "Tests failed", hypotheses: [], evidence: [], runbookId: null, method: "deterministic", llmNote: null,
    suspects: [{ sha: sha("b"), subject: "fix: totals", author: "eve", score: 6, reasons: ["changes src/cart.ts, which the error mentions"] }],
    suspectRange: range({}),
  });
  const md = renderDiagnosis(diagnosis);
  expect(md.indexOf("| `bbbbbbb` | fix: totals |")).toBeLessThan(md.indexOf("Suspects were ranked from the 3 commits on `main`"));
  expect(renderDiagnosis({ ...diagnosis, suspectRange: null })).not.toContain("Suspects were ranked");
});
