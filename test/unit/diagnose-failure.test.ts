import { beforeAll, describe, expect, test } from "@jest/globals";
import { readFile } from "node:fs/promises";
import { diagnoseFailure, type DiagnosisSources } from "../../src/core/diagnose/diagnose-failure.js";
import type { CompiledSignatures } from "../../src/core/diagnose/compile-signatures.js";
import { BUILTIN_RUNBOOK_DOCS } from "../../src/core/diagnose/builtin-knowledge.js";
import { loadSignatures } from "../../src/adapters/signatures/load-signatures.js";
import type { HypothesisRanker, RankingOutcome, RankingRequest } from "../../src/ports/hypothesis-ranker.js";

const lines = (text: string): AsyncIterable<string> => ({
  async *[Symbol.asyncIterator]() {
    yield* text.split("\n");
  },
});

const TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";
const jestLog = [
  "2026-11-23T10:00:00.0000000Z > web@1.0.0 test",
  `2026-11-23T10:00:00.1000000Z using GITHUB_TOKEN=${TOKEN}`,
  "2026-11-23T10:00:03.0000000Z FAIL src/cart.test.ts",
  "2026-11-23T10:00:03.0000000Z   ● cart › totals keep cents",
  "2026-11-23T10:00:03.0000000Z     expect(received).toBe(expected) // Object.is equality",
  "2026-11-23T10:00:03.0000000Z     Expected: 10.5",
  "2026-11-23T10:00:03.0000000Z     Received: 11",
  "2026-11-23T10:00:03.0000000Z       at Object.<anonymous> (src/cart.test.ts:12:31)",
  "2026-11-23T10:00:03.1000000Z Tests:       1 failed, 41 passed, 42 total",
  "2026-11-23T10:00:03.2000000Z ##[error]Process completed with exit code 1.",
].join("\n");

const commit = (sha: string, subject: string, path: string, patch: string) => ({
  sha: sha.repeat(40).slice(0, 40),
  tree: "f".repeat(40),
  parents: ["0".repeat(40)],
  message: subject,
  author: "eve",
  date: "2026-11-23T09:00:00Z",
  files: [{ path, status: "modified", previousPath: null, additions: 1, deletions: 1, patch, blobSha: "b".repeat(40) }],
});

let signatures: CompiledSignatures;
beforeAll(async () => {
  signatures = await loadSignatures();
});

const sources = (log = jestLog): DiagnosisSources => ({
  logs: [{ title: "test › npm test", url: "https://github.com/acme/web/actions/runs/1/job/2", lines: lines(log) }],
  commits: [
    commit("a", "docs: readme", "README.md", "@@ -1 +1 @@\n-# web\n+# Web"),
    commit("b", "fix: rounding in cart totals", "src/cart.ts", "@@ -1 +1 @@\n-export const total = (xs) => sum(xs);\n+export const total = (xs) => Math.round(sum(xs));"),
  ],
  knowledge: BUILTIN_RUNBOOK_DOCS,
});

const ranker = (outcome: (r: RankingRequest) => RankingOutcome): HypothesisRanker & { requests: RankingRequest[] } => {
  const requests: RankingRequest[] = [];
  return { requests, rank: async (r) => (requests.push(r), outcome(r)) };
};

describe("diagnoseFailure without an LLM", () => {
  test("a jest failure: test-failure, the failing test in the excerpt, the cart commit suspected, secrets redacted", async () => {
    const d = await diagnoseFailure(sources(), { signatures, knownSecrets: [TOKEN] }, null);
    expect(d.cause).toBe("test-failure");
    expect(d.method).toBe("deterministic");
    const excerpt = d.evidence[0]!.lines.join("\n");
    expect(excerpt).toContain("● cart › totals keep cents");
    expect(excerpt).toContain("Received: 11");
    expect(JSON.stringify(d)).not.toContain(TOKEN);
    expect(d.suspects[0]?.subject).toBe("fix: rounding in cart totals");
    expect(d.suspects[0]?.reasons.join(" ")).toMatch(/src\//);
  });

  test("a real npm ERESOLVE log from the corpus is a dependency failure", async () => {
    const log = await readFile("test/fixtures/ci-logs/npm/eresolve-eslint10-action.log", "utf8");
    const d = await diagnoseFailure(sources(log), { signatures, knownSecrets: [] }, null);
    expect(d.cause).toBe("dependency");
    expect(d.evidence[0]!.lines.join("\n")).toContain("ERESOLVE could not resolve");
  });
});

describe("diagnoseFailure with an LLM", () => {
  test("the LLM re-ranks within the catalog and sees only the redacted excerpt; tokens are counted", async () => {
    const llm = ranker(() => ({
      kind: "ranked",
      result: { hypotheses: [{ cause: "flaky", summary: "timing-dependent rounding", confidence: 0.6 }], runbookId: null, rationale: "…", tokensIn: 900, tokensOut: 80, model: "m" },
    }));
    const d = await diagnoseFailure(sources(), { signatures, knownSecrets: [TOKEN] }, llm);
    expect(d).toMatchObject({ cause: "flaky", method: "llm-ranked", tokens: { in: 900, out: 80 }, llmNote: null });
    expect(llm.requests[0]!.excerpt.join("\n")).not.toContain(TOKEN);
    expect(llm.requests[0]!.runbooks.map((r) => r.id)).toEqual(["deploy-failed-rollback"]);
  });

  test("an LLM failure leaves the deterministic diagnosis standing and says so", async () => {
    const llm = ranker(() => ({ kind: "failed", reason: "timeout", detail: "no answer within 30000 ms", tokensIn: 850, tokensOut: 0 }));
    const d = await diagnoseFailure(sources(), { signatures, knownSecrets: [] }, llm);
    expect(d).toMatchObject({ cause: "test-failure", method: "deterministic", tokens: { in: 850, out: 0 } });
    expect(d.llmNote).toMatch(/An LLM was configured but timeout .*the deterministic diagnosis stands/);
  });
});
