import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { octokitDeployHistory } from "../../src/adapters/github/octokit-deploy-history.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import { lastGoodFromDeployments } from "../../src/core/plan/find-last-good.js";
import type { DeployHistory } from "../../src/ports/deploy-history.js";

const API = "https://api.github.com";
const repo = { owner: "acme", name: "shop" };
const Octokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });
const sha = (c: string) => c.repeat(40);

let history: DeployHistory;
beforeEach(() => {
  nock.disableNetConnect();
  history = octokitDeployHistory(new Octokit({ auth: { token: "installation-token" } }));
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("listWorkflowRuns", () => {
  test("asks for one page of the workflow's runs on the branch and maps them", async () => {
    const scope = nock(API)
      .get("/repos/acme/shop/actions/workflows/77/runs")
      .query({ branch: "main", per_page: "50" })
      .reply(200, {
        total_count: 2,
        workflow_runs: [
          { id: 11, run_number: 8, head_sha: sha("b"), head_branch: "main", conclusion: null, status: "in_progress", created_at: "2026-11-23T14:00:00Z", html_url: "https://github.com/acme/shop/actions/runs/11" },
          { id: 10, run_number: 7, head_sha: sha("a"), head_branch: "main", conclusion: "success", status: "completed", created_at: "2026-11-23T12:00:00Z", html_url: "https://github.com/acme/shop/actions/runs/10" },
        ],
      });
    const runs = await history.listWorkflowRuns(repo, 77, "main");
    expect(runs).toEqual([
      { id: 11, runNumber: 8, headSha: sha("b"), headBranch: "main", conclusion: null, status: "in_progress", createdAt: "2026-11-23T14:00:00Z", url: "https://github.com/acme/shop/actions/runs/11" },
      { id: 10, runNumber: 7, headSha: sha("a"), headBranch: "main", conclusion: "success", status: "completed", createdAt: "2026-11-23T12:00:00Z", url: "https://github.com/acme/shop/actions/runs/10" },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  test("a failure is CODE_HOST_FAILED naming the workflow", async () => {
    nock(API).get("/repos/acme/shop/actions/workflows/77/runs").query(true).reply(500, { message: "boom" });
    const error = await history.listWorkflowRuns(repo, 77, "main").catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
    expect((error as Error).message).toBe("GitHub API call failed: list runs of workflow 77 (status 500)");
  });
});

describe("listDeployments", () => {
  const deployment = (id: number, c: string, environment: string | undefined = "production") => ({
    id,
    sha: sha(c),
    ref: "main",
    environment,
    created_at: `2026-11-23T1${id}:00:00Z`,
  });
  const list = (deployments: unknown[]) => nock(API).get("/repos/acme/shop/deployments").query({ environment: "production", per_page: "30" }).reply(200, deployments);
  const statuses = (scope: nock.Scope, id: number, states: string[]) =>
    scope.get(`/repos/acme/shop/deployments/${id}/statuses`).query({ per_page: "1" }).reply(200, states.map((state) => ({ state })));

  test.each([["success"], ["inactive"]])("reads each deployment's newest status, newest first, and stops at the first %s", async (good) => {
    const scope = list([deployment(4, "d"), deployment(3, "c"), deployment(2, "b"), deployment(1, "a")]);
    statuses(scope, 4, ["failure"]);
    statuses(scope, 3, []);
    statuses(scope, 2, [good]);
    const deployments = await history.listDeployments(repo, "production", 30);
    expect(deployments.map((d) => [d.id, d.state])).toEqual([
      [4, "failure"],
      [3, null],
      [2, good],
    ]);
    expect(deployments[0]).toEqual({ id: 4, sha: sha("d"), ref: "main", environment: "production", createdAt: "2026-11-23T14:00:00Z", state: "failure" });
    // deployment 1's statuses were never requested: nock would have thrown on an unmatched call
    expect(scope.isDone()).toBe(true);
  });

  test("a newer success on top ends the list there, and the failing deployment below it reads as stale", async () => {
    const scope = list([deployment(5, "e"), deployment(4, "d"), deployment(2, "b")]);
    statuses(scope, 5, ["success"]);
    const deployments = await history.listDeployments(repo, "production", 30);
    expect(deployments.map((d) => d.id)).toEqual([5]);
    expect(lastGoodFromDeployments(deployments, { id: 4, sha: sha("d") }).kind).toBe("stale");
  });

  test("a deployment without an environment field takes the one asked for", async () => {
    const scope = list([deployment(2, "b", undefined)]);
    statuses(scope, 2, ["success"]);
    const [only] = await history.listDeployments(repo, "production", 30);
    expect(only?.environment).toBe("production");
  });
});

describe("compare", () => {
  const commit = (c: string, parents: string[], author: { login: string } | null, name = "Dev") => ({
    sha: sha(c),
    parents: parents.map((p) => ({ sha: sha(p) })),
    commit: { message: `commit ${c}\n\nbody`, tree: { sha: sha(c).replace(/^./, "7") }, author: { name, date: "2026-11-23T13:00:00Z" } },
    author,
  });
  const path = `/repos/acme/shop/compare/${sha("1")}...${sha("f")}`;

  test("asks for base...head with 100 per page and maps commits, parents, trees and files", async () => {
    const scope = nock(API)
      .get(path)
      .query({ per_page: "100" })
      .reply(200, {
        status: "ahead",
        total_commits: 2,
        commits: [commit("a", ["1"], { login: "alice" }), commit("f", ["a", "c"], null, "Bob Builder")],
        files: [
          { sha: sha("9"), filename: "k8s/deployment.yaml", status: "modified", additions: 1, deletions: 1, changes: 2, patch: "@@ -1 +1 @@\n-a\n+b" },
          { sha: sha("8"), filename: "img/logo.png", status: "renamed", previous_filename: "logo.png", additions: 0, deletions: 0, changes: 0 },
        ],
      });
    const comparison = await history.compare(repo, sha("1"), sha("f"));
    expect(comparison).toEqual({
      status: "ahead",
      totalCommits: 2,
      commits: [
        { sha: sha("a"), tree: sha("a").replace(/^./, "7"), parents: [sha("1")], message: "commit a\n\nbody", author: "alice", date: "2026-11-23T13:00:00Z" },
        { sha: sha("f"), tree: sha("f").replace(/^./, "7"), parents: [sha("a"), sha("c")], message: "commit f\n\nbody", author: "Bob Builder", date: "2026-11-23T13:00:00Z" },
      ],
      files: [
        { path: "k8s/deployment.yaml", status: "modified", previousPath: null, additions: 1, deletions: 1, patch: "@@ -1 +1 @@\n-a\n+b", blobSha: sha("9") },
        { path: "img/logo.png", status: "renamed", previousPath: "logo.png", additions: 0, deletions: 0, patch: null, blobSha: sha("8") },
      ],
    });
    expect(scope.isDone()).toBe(true);
  });

  test("a comparison GitHub cannot make (404: unknown commit) is null", async () => {
    nock(API).get(path).query(true).reply(404, { message: "Not Found" });
    await expect(history.compare(repo, sha("1"), sha("f"))).resolves.toBeNull();
  });

  test("any other failure is CODE_HOST_FAILED", async () => {
    nock(API).get(path).query(true).reply(502, { message: "Bad Gateway" });
    const error = await history.compare(repo, sha("1"), sha("f")).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
    expect((error as Error).message).toContain("compare 1111111...fffffff (status 502)");
  });
});

describe("getCommit", () => {
  const path = `/repos/acme/shop/commits/${sha("a")}`;

  test("reads one commit with its files in one call", async () => {
    const scope = nock(API)
      .get(path)
      .reply(200, {
        sha: sha("a"),
        parents: [{ sha: sha("1") }],
        commit: { message: "fix: cache size", tree: { sha: sha("7") }, author: { name: "Dana", date: "2026-11-23T13:00:00Z" } },
        author: { login: "dana" },
        files: [{ sha: sha("9"), filename: "src/cache.ts", status: "modified", additions: 2, deletions: 1, changes: 3, patch: "@@ -1 +1,2 @@\n-a\n+b\n+c" }],
      });
    await expect(history.getCommit(repo, sha("a"))).resolves.toEqual({
      sha: sha("a"),
      tree: sha("7"),
      parents: [sha("1")],
      message: "fix: cache size",
      author: "dana",
      date: "2026-11-23T13:00:00Z",
      files: [{ path: "src/cache.ts", status: "modified", previousPath: null, additions: 2, deletions: 1, patch: "@@ -1 +1,2 @@\n-a\n+b\n+c", blobSha: sha("9") }],
    });
    expect(scope.isDone()).toBe(true);
  });

  test("an unknown commit is null; other failures are CODE_HOST_FAILED", async () => {
    nock(API).get(path).reply(404, { message: "Not Found" });
    await expect(history.getCommit(repo, sha("a"))).resolves.toBeNull();
    nock(API).get(path).reply(500, { message: "boom" });
    const error = await history.getCommit(repo, sha("a")).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
  });
});
