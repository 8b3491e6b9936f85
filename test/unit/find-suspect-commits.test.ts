import { beforeEach, describe, expect, test } from "@jest/globals";
import { findSuspectCommits, type FailingRun } from "../../src/core/diagnose/find-suspect-commits.js";
import type { CommitSummary, Comparison } from "../../src/ports/deploy-history.js";
import type { Logger } from "../../src/ports/logger.js";
import { FakeDeployHistory, run } from "./support/fake-deploy-history.js";

const repo = { owner: "acme", name: "shop" };
const sha = (c: string) => c.repeat(40);
const FAILING = sha("f");
const failing = (over: Partial<FailingRun> = {}): FailingRun => ({
  id: 1042, runNumber: 42, workflowId: 77, headSha: FAILING, headBranch: "main", event: "push", pullRequests: [], ...over,
});
const commit = (c: string, message: string): CommitSummary => ({ sha: sha(c), tree: sha("e"), parents: [sha("0")], message, author: "dana", date: "2026-11-23T09:00:00Z" });
const comparison = (commits: CommitSummary[], over: Partial<Comparison> = {}): Comparison => ({
  status: "ahead",
  totalCommits: commits.length,
  commits,
  files: [{ path: "src/cart.ts", status: "modified", previousPath: null, additions: 1, deletions: 1, patch: "@@ -1 +1 @@\n-a\n+b", blobSha: sha("9") }],
  ...over,
});

let history: FakeDeployHistory;
beforeEach(() => {
  history = new FakeDeployHistory();
});

describe("a branch build", () => {
  test("ranks the commits since the head of the workflow's newest earlier success: one runs call, one compare", async () => {
    // newest first, as GitHub lists them: a later success, the failing run, a failure, the last success, an older success
    history.runs = [run(43, sha("9"), "success"), run(42, FAILING, "failure"), run(41, sha("b"), "failure"), run(40, sha("a"), "success"), run(39, sha("1"), "success")];
    history.comparisons.set(`${sha("a")}...${FAILING}`, comparison([commit("b", "feat: b"), commit("f", "fix: f")]));
    const found = await findSuspectCommits(history, repo, failing());
    expect(history.calls).toEqual(["runs 77 main", `compare aaaaaaa...fffffff`]);
    expect(found.commits.map((c) => c.sha)).toEqual([sha("b"), FAILING]);
    // a longer range is ranked on messages and the error: compare gives files for the whole range only
    expect(found.commits.every((c) => c.files.length === 0)).toBe(true);
    expect(found.range).toEqual({
      kind: "since-last-success", base: sha("a"), head: FAILING, commits: 2, total: 2, pullRequest: null, branch: "main",
      lastSuccess: { runNumber: 40, url: "https://github.com/acme/shop/actions/runs/1040" }, reason: null,
    });
  });

  test("a one-commit range keeps that commit's files", async () => {
    history.runs = [run(41, sha("a"), "success")];
    history.comparisons.set(`${sha("a")}...${FAILING}`, comparison([commit("f", "fix: f")]));
    const found = await findSuspectCommits(history, repo, failing());
    expect(found.commits[0]?.files.map((f) => f.path)).toEqual(["src/cart.ts"]);
  });

  test("without an earlier success the failing commit alone is ranked, its files from one commit call", async () => {
    history.runs = [run(42, FAILING, "failure"), run(41, sha("b"), "failure")];
    history.commits.set(FAILING, { ...commit("f", "feat: first"), files: comparison([]).files });
    const found = await findSuspectCommits(history, repo, failing());
    expect(history.calls).toEqual(["runs 77 main", "commit fffffff"]);
    expect(found.commits).toEqual([expect.objectContaining({ sha: FAILING, files: [expect.objectContaining({ path: "src/cart.ts" })] })]);
    expect(found.range).toMatchObject({ kind: "failing-commit", base: null, head: FAILING, commits: 1, total: 1, branch: "main" });
  });

  test("the failing run's own successful re-run does not count as before it", async () => {
    history.runs = [run(42, FAILING, "success", 1042)];
    history.commits.set(FAILING, { ...commit("f", "feat"), files: [] });
    const found = await findSuspectCommits(history, repo, failing());
    expect(found.range.kind).toBe("failing-commit");
  });

  test("when the failing commit itself passed before, nothing changed: no compare, no suspects", async () => {
    history.runs = [run(41, FAILING, "success")];
    const found = await findSuspectCommits(history, repo, failing());
    expect(history.calls).toEqual(["runs 77 main"]);
    expect(found).toEqual({ commits: [], range: expect.objectContaining({ kind: "unchanged", base: FAILING, head: FAILING, lastSuccess: { runNumber: 41, url: expect.any(String) } }) });
  });

  test("a rewritten history and a cut listing are said", async () => {
    history.runs = [run(41, sha("a"), "success")];
    history.comparisons.set(`${sha("a")}...${FAILING}`, comparison([commit("b", "b"), commit("f", "f")], { status: "diverged", totalCommits: 300 }));
    const found = await findSuspectCommits(history, repo, failing());
    expect(found.range).toMatchObject({ commits: 2, total: 300, reason: "aaaaaaa is not an ancestor of fffffff (history was rewritten), so the commits since their merge base were ranked" });
  });

  test("a comparison GitHub cannot make leaves the range unavailable, with why", async () => {
    history.runs = [run(41, sha("a"), "success")];
    const found = await findSuspectCommits(history, repo, failing());
    expect(found).toEqual({ commits: [], range: expect.objectContaining({ kind: "unavailable", reason: "GitHub could not compare aaaaaaa (run #41) with fffffff" }) });
  });
});

describe("a pull request build", () => {
  test("ranks the pull request's own commits with one compare and nothing else", async () => {
    history.comparisons.set(`${sha("c")}...${FAILING}`, comparison([commit("d", "fix: d")]));
    const found = await findSuspectCommits(history, repo, failing({ event: "pull_request", headBranch: "feature", pullRequests: [{ number: 3, baseSha: sha("c") }] }));
    expect(history.calls).toEqual(["compare ccccccc...fffffff"]);
    expect(found.range).toMatchObject({ kind: "pull-request", base: sha("c"), head: FAILING, commits: 1, total: 1, pullRequest: 3, branch: "feature" });
  });

  test("a fork's pull request run (no pull request listed) is not mistaken for a branch build", async () => {
    const found = await findSuspectCommits(history, repo, failing({ event: "pull_request", headBranch: "main", pullRequests: [] }));
    expect(history.calls).toEqual([]);
    expect(found.range).toMatchObject({ kind: "unavailable", reason: "GitHub did not say which pull request (and base) the run belongs to" });
  });
});

test("an API failure is logged and leaves no suspects, not a failed diagnosis", async () => {
  const warnings: Record<string, unknown>[] = [];
  const log: Logger = { debug: () => {}, info: () => {}, warn: (d) => warnings.push(d), error: () => {} };
  history.listWorkflowRuns = async () => {
    throw new Error("GitHub API call failed: list runs of workflow 77 (status 502)");
  };
  const found = await findSuspectCommits(history, repo, failing(), log);
  expect(found.range).toMatchObject({ kind: "unavailable", reason: "GitHub did not list the commits (an API call failed)" });
  expect(warnings).toEqual([{ run: 1042, err: "GitHub API call failed: list runs of workflow 77 (status 502)" }]);
});
