import { describe, expect, test } from "@jest/globals";
import { renderDiagnosis } from "../../src/core/render/render-diagnosis.js";
import { Diagnosis } from "../../src/schemas/diagnosis.js";

const base = Diagnosis.parse({
  cause: "test-failure",
  confidence: 0.82,
  summary: "Tests failed: ● cart › totals keep cents",
  hypotheses: [
    { cause: "test-failure", summary: "Tests failed", confidence: 0.82 },
    { cause: "flaky", summary: "A known flaky signature", confidence: 0.2 },
  ],
  evidence: [],
  suspects: [{ sha: "a".repeat(40), subject: "fix: rounding | totals", author: "eve", score: 11, reasons: ["changes src/cart.ts, which the error mentions", "newest commit"] }],
  runbookId: null,
  method: "deterministic",
  llmNote: null,
});

describe("renderDiagnosis", () => {
  test("states the cause with its confidence, the other hypotheses and each suspect with why", () => {
    const md = renderDiagnosis(base);
    expect(md.startsWith("**test-failure** (confidence 82%): Tests failed: ● cart › totals keep cents")).toBe(true);
    expect(md).toContain("Other hypotheses: flaky 20%.");
    expect(md).toContain("| `aaaaaaa` | fix: rounding \\| totals | eve | changes src/cart.ts, which the error mentions; newest commit |");
    expect(md).toContain("_Diagnosed with deterministic signatures._");
    expect(md).not.toContain("Matching runbook");
  });

  test("names the runbook, related incidents, owners and the LLM's token cost when present", () => {
    const md = renderDiagnosis({
      ...base,
      runbookId: "deploy-failed-rollback",
      related: [{ id: "i-9", title: "[incident] CI failed at 1a2b3c4", url: "https://github.com/acme/web/issues/9", why: "shares cart, totals" }],
      owners: ["@acme/payments"],
      method: "llm-ranked",
      tokens: { in: 812, out: 96 },
    });
    expect(md).toContain("Matching runbook: `deploy-failed-rollback`.");
    expect(md).toContain("Similar past incidents: [[incident] CI failed at 1a2b3c4](https://github.com/acme/web/issues/9).");
    expect(md).toContain("Owners: @acme/payments.");
    expect(md).toContain("ranked by an LLM (812 tokens in, 96 out)");
  });

  test("says when a configured LLM failed and the deterministic result stands", () => {
    const md = renderDiagnosis({ ...base, llmNote: "An LLM was configured but timeout (after 30000 ms); the deterministic diagnosis stands." });
    expect(md).toContain("_Diagnosed with deterministic signatures. An LLM was configured but timeout");
  });
});

test("log and commit text never mentions anyone: @names are neutralised, owners stay mentions", () => {
  const md = renderDiagnosis({
    ...Diagnosis.parse({ cause: "unknown", confidence: 0.1, summary: "ping @security-team now", hypotheses: [], evidence: [], suspects: [], runbookId: null, method: "deterministic", llmNote: null }),
    suspects: [{ sha: "b".repeat(40), subject: "cc @dana", author: "eve", score: 1, reasons: ["newest commit"] }],
    owners: ["@acme/payments"],
  });
  expect(md).not.toMatch(/@security-team|@dana/);
  expect(md).toContain("@\u200bsecurity-team");
  expect(md).toContain("Owners: @acme/payments.");
});
