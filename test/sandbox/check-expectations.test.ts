import { describe, expect, test } from "@jest/globals";
import { DrillExpect } from "../../src/schemas/drill-expect.js";
import { SimulationResult, type SimulatedPullRequest } from "../../src/schemas/simulation-result.js";
import { checkExpectations, type ObservedState } from "../../src/sandbox/drill/check-expectations.js";

const pullRequest = (overrides: Partial<SimulatedPullRequest> = {}): SimulatedPullRequest => ({
  number: 2,
  title: "Roll back deploy shop@0123456 to aaaaaaa: rollout failing",
  body: "## Summary\nRollback.\n## How to undo\nRevert this PR.",
  state: "open",
  merged: false,
  head: "agenticops/3f2a1c9e",
  base: "main",
  labels: ["agenticops", "severity/high"],
  requestedReviewers: ["dana"],
  files: [{ filename: "k8s/deployment.yaml", status: "modified", additions: 1, deletions: 1 }],
  commits: [{ sha: "b".repeat(40), message: "Roll back" }],
  comments: [{ user: "agenticops[bot]", body: "Diagnosis ready" }],
  ...overrides,
});

const observed = (overrides: Partial<ObservedState> = {}): ObservedState => ({
  pullRequests: [pullRequest()],
  issues: [
    { number: 1, title: "Deploy failed", body: "rollout stuck", state: "open", labels: ["incident"], comments: [
      { user: "dana", body: "/agenticops diagnose" },
      { user: "agenticops[bot]", body: "Likely cause: commit 0123456" },
    ] },
  ],
  commitComments: [{ commit: "c".repeat(40), user: "agenticops[bot]", body: "[`CI`](https://x) failed at `ccccccc` on `main`: suspect `ddddddd`" }],
  checkRuns: [
    { name: "agenticops/plan", head_sha: "b".repeat(40), status: "completed", conclusion: "failure" },
    { name: "agenticops/plan", head_sha: "c".repeat(40), status: "completed", conclusion: "success" },
  ],
  apiCalls: [
    { method: "POST", route: "/app/installations/{installation_id}/access_tokens", path: "/app/installations/1/access_tokens", status: 201, durationMs: 3 },
    { method: "GET", route: "/repos/{owner}/{repo}/branches/{branch}", path: "/repos/acme/shop/branches/agenticops%2Fx", status: 404, durationMs: 2 },
    { method: "POST", route: "/repos/{owner}/{repo}/pulls", path: "/repos/acme/shop/pulls", status: 201, durationMs: 9 },
  ],
  gitCalls: [{ service: "receive-pack", repo: "acme/shop", status: 200, durationMs: 12 }],
  webhooks: [
    { event: "workflow_run", action: "completed", delivery: "d1", status: 200, durationMs: 40 },
    { event: "issue_comment", action: "created", delivery: "d2", status: 200, durationMs: 20 },
  ],
  llmCalls: [{ endpoint: "/v1/chat/completions", model: "gpt-4o-mini", tokensIn: 900, tokensOut: 120, status: 200 }],
  ...overrides,
});

/** Parses `expect` as a drill would, so defaults and validation match real use. */
const check = (expectation: unknown, state: ObservedState = observed()) =>
  checkExpectations(DrillExpect.parse(expectation), state);

const summary = (results: ReturnType<typeof check>) => results.map((r) => `${r.passed ? "pass" : "FAIL"}: ${r.description}`);

describe("checkExpectations", () => {
  test("an empty expect asserts nothing", () => {
    expect(check({})).toEqual([]);
  });

  test("pull request count and item assertions pass with descriptive text", () => {
    const results = check({
      pull_requests: {
        count: 1,
        items: [{
          title_matches: "^Roll back",
          body_contains: ["How to undo", "Summary"],
          labels: ["agenticops"],
          files: ["k8s/deployment.yaml"],
          state: "open",
          merged: false,
          head_matches: "/^AGENTICOPS/i",
          base: "main",
        }],
      },
    });
    expect(summary(results)).toEqual([
      "pass: 1 pull request opened (got 1)",
      'pass: pull request #2 title matches /^Roll back/ (got "Roll back deploy shop@0123456 to aaaaaaa: rollout failing")',
      'pass: pull request #2 body contains "How to undo"',
      'pass: pull request #2 body contains "Summary"',
      "pass: pull request #2 has labels agenticops (got agenticops, severity/high)",
      "pass: pull request #2 changes exactly k8s/deployment.yaml (got k8s/deployment.yaml)",
      "pass: pull request #2 is open (got open)",
      "pass: pull request #2 is not merged (got not merged)",
      'pass: pull request #2 head branch matches /^AGENTICOPS/i (got "agenticops/3f2a1c9e")',
      "pass: pull request #2 targets main (got main)",
    ]);
  });

  test("pull request mismatches fail and say what was seen", () => {
    const results = check({
      pull_requests: { count: 2, items: [{ labels: ["severity/low"], files: ["src/cache.ts"], merged: true, body_contains: "Evidence" }, { state: "open" }] },
    });
    expect(summary(results)).toEqual([
      "FAIL: 2 pull requests opened (got 1)",
      'FAIL: pull request #2 body contains "Evidence"',
      "FAIL: pull request #2 has labels severity/low (got agenticops, severity/high)",
      "FAIL: pull request #2 changes exactly src/cache.ts (got k8s/deployment.yaml)",
      "FAIL: pull request #2 is merged (got not merged)",
      "FAIL: a pull request at position 2 exists (got 1 pull request)",
    ]);
    expect(results[0]?.actual).toBe(1);
  });

  test("no pull request at all reads naturally", () => {
    const results = check({ pull_requests: { count: 1 } }, observed({ pullRequests: [] }));
    expect(results).toEqual([{ description: "1 pull request opened (got 0)", passed: false, actual: 0 }]);
  });

  test("issues: count, title, labels, comments", () => {
    const results = check({
      issues: { count: 1, items: [{ title_matches: "failed$", labels: ["incident"], comments_count: 3, comment_contains: ["Likely cause", "rollback"] }] },
    });
    expect(summary(results)).toEqual([
      "pass: 1 issue opened (got 1)",
      'pass: issue #1 title matches /failed$/ (got "Deploy failed")',
      "pass: issue #1 has labels incident (got incident)",
      "FAIL: issue #1 has 3 comments (got 2)",
      'pass: issue #1 has a comment containing "Likely cause"',
      'FAIL: issue #1 has a comment containing "rollback"',
    ]);
  });

  test("seeded issues are not counted as opened, nor paired with items; their comments still count", () => {
    const seeded = { number: 1, title: "Past incident", body: "cart totals", state: "closed" as const, labels: ["agenticops"], comments: [{ user: "agenticops[bot]", body: "reply" }], seeded: true };
    const opened = { number: 3, title: "Deploy failed", body: "rollout stuck", state: "open" as const, labels: [], comments: [] };
    const results = check({ issues: { count: 1, items: [{ title_matches: "^Deploy" }] }, comments: { count: 2 } }, observed({ issues: [seeded, opened] }));
    expect(summary(results)).toEqual([
      "pass: 1 issue opened (got 1)",
      'pass: issue #3 title matches /^Deploy/ (got "Deploy failed")',
      "pass: 2 comments posted (got 2)",
    ]);
  });

  test("commit comments: count, commit (template-rendered SHA or a prefix), author and body", () => {
    const pass = check({ commit_comments: { count: 1, items: [{ commit: "c".repeat(40), user: "agenticops[bot]", body_contains: ["suspect `ddddddd`"] }] } });
    expect(summary(pass)).toEqual([
      "pass: 1 commit comment posted (got 1)",
      "pass: commit comment 1 (on ccccccc) is on commit ccccccc (got ccccccc)",
      "pass: commit comment 1 (on ccccccc) is by agenticops[bot] (got agenticops[bot])",
      'pass: commit comment 1 (on ccccccc) body contains "suspect `ddddddd`"',
    ]);
    const fail = check({ commit_comments: { count: 2, items: [{ commit: "abcdef0", body_contains: "past incident" }, { user: "dana" }] } });
    expect(summary(fail)).toEqual([
      "FAIL: 2 commit comments posted (got 1)",
      "FAIL: commit comment 1 (on ccccccc) is on commit abcdef0 (got ccccccc)",
      'FAIL: commit comment 1 (on ccccccc) body contains "past incident"',
      "FAIL: a commit comment at position 2 exists (got 1 commit comment)",
    ]);
  });

  test("comments count all issues and pull requests, optionally by one user", () => {
    expect(summary(check({ comments: { count: 3 } }))).toEqual(["pass: 3 comments posted (got 3)"]);
    expect(summary(check({ comments: { count: 1, user: "agenticops[bot]" } }))).toEqual(["FAIL: 1 comment by agenticops[bot] (got 2)"]);
  });

  test("check runs are judged by the latest run of a name", () => {
    expect(summary(check({ check_runs: [{ name: "agenticops/plan", conclusion: "success" }, { name: "lint" }, { name: "tests", conclusion: "success" }] }))).toEqual([
      'pass: check run "agenticops/plan" concluded success (got success)',
      'FAIL: check run "lint" created',
      'FAIL: check run "tests" concluded success (got no such check run)',
    ]);
  });

  test("webhooks all answered with one status", () => {
    expect(summary(check({ webhooks: { all_status: 200 } }))).toEqual(["pass: every webhook delivery answered 200 (got all 2)"]);
    const state = observed({ webhooks: [{ event: "push", delivery: "d3", status: 500, durationMs: 1 }] });
    expect(summary(check({ webhooks: { all_status: 200 } }, state))).toEqual(["FAIL: every webhook delivery answered 200 (got 500 for push)"]);
  });

  test("API call budget and failures; a 404 on a read is not a failure", () => {
    expect(summary(check({ api_calls: { max: 3, none_failed: true } }))).toEqual([
      "pass: at most 3 API calls (got 3)",
      "pass: no API call failed (got none)",
    ]);
    const state = observed();
    state.apiCalls.push({ method: "PATCH", route: "/repos/{owner}/{repo}/pulls/{pull_number}", path: "/repos/acme/shop/pulls/2", status: 422, durationMs: 4 });
    expect(summary(check({ api_calls: { max: 3, none_failed: true } }, state))).toEqual([
      "FAIL: at most 3 API calls (got 4)",
      "FAIL: no API call failed (got PATCH /repos/acme/shop/pulls/2 → 422)",
    ]);
  });

  test("llm call count", () => {
    expect(summary(check({ llm_calls: { count: 2 } }))).toEqual(["FAIL: 2 LLM calls (got 1)"]);
  });

  test("no_writes ignores the token exchange but catches REST writes and git pushes", () => {
    expect(summary(check({ no_writes: true }))).toEqual([
      "FAIL: no writes to GitHub (got POST /repos/acme/shop/pulls, git push to acme/shop)",
    ]);
    const readOnly = observed({ apiCalls: observed().apiCalls.slice(0, 2), gitCalls: [] });
    expect(summary(check({ no_writes: true }, readOnly))).toEqual(["pass: no writes to GitHub (got none)"]);
    expect(check({ no_writes: false })).toEqual([]);
  });

  test("its results fit the public SimulationResult shape", () => {
    const state = observed();
    const result = { drill: "bad-deploy-rollback", passed: false, durationMs: 1234, ...state, expectations: check({ pull_requests: { count: 1 }, llm_calls: { count: 2 } }) };
    const parsed = SimulationResult.parse(result);
    expect(parsed.expectations.map((e) => e.passed)).toEqual([true, false]);
  });
});
