import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { octokitCommentHost } from "../../src/adapters/github/octokit-comment-host.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import type { CommentHost } from "../../src/ports/comment-host.js";

const API = "https://api.github.com";
const REPO = "/repos/acme/shop";
const repo = { owner: "acme", name: "shop" };
const SHA = "a".repeat(40);
const Octokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });

let host: CommentHost;
beforeEach(() => {
  nock.disableNetConnect();
  host = octokitCommentHost(new Octokit({ auth: { token: "installation-token" } }));
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const comment = (id: number, body: string, type = "Bot") => ({ id, body, html_url: `https://github.com/acme/shop/pull/3#issuecomment-${id}`, user: { login: type === "Bot" ? "agenticops[bot]" : "eve", type } });
const run = (id: number, extra: Record<string, unknown> = {}) => ({
  id, name: "CI", path: ".github/workflows/ci.yml", html_url: `https://github.com/acme/shop/actions/runs/${id}`, head_sha: SHA, head_branch: "main", status: "completed", conclusion: "failure",
  workflow_id: 77, run_number: 12, event: "pull_request", pull_requests: [{ number: 3, base: { sha: "b".repeat(40) } }], ...extra,
});

describe("comments", () => {
  test("finds the bot's own comment by its marker across pages, ignoring a human quoting it", async () => {
    const scope = nock(API)
      .get(`${REPO}/issues/3/comments`).query({ per_page: "100" })
      .reply(200, [comment(1, "quoting <!-- marker -->", "User")], { link: `<${API}${REPO}/issues/3/comments?per_page=100&page=2>; rel="next"` })
      .get(`${REPO}/issues/3/comments`).query({ per_page: "100", page: "2" })
      .reply(200, [comment(2, "hello"), comment(3, "diagnosis <!-- marker -->")]);
    await expect(host.findBotComment(repo, { kind: "issue", number: 3 }, "<!-- marker -->")).resolves.toEqual({ id: 3, url: expect.stringContaining("#issuecomment-3"), body: "diagnosis <!-- marker -->" });
    expect(scope.isDone()).toBe(true);
  });

  test("commit comments are listed, created and updated through the commit comment routes", async () => {
    let created: unknown;
    let updated: unknown;
    const scope = nock(API)
      .get(`${REPO}/commits/${SHA}/comments`).query({ per_page: "100" }).reply(200, [])
      .post(`${REPO}/commits/${SHA}/comments`, (b) => ((created = b), true)).reply(201, comment(9, "body"))
      .patch(`${REPO}/comments/9`, (b) => ((updated = b), true)).reply(200, comment(9, "new"));
    const target = { kind: "commit", sha: SHA } as const;
    await expect(host.findBotComment(repo, target, "x")).resolves.toBeNull();
    await expect(host.createComment(repo, target, "body")).resolves.toMatchObject({ id: 9 });
    await host.updateComment(repo, target, 9, "new");
    expect(created).toEqual({ body: "body" });
    expect(updated).toEqual({ body: "new" });
    expect(scope.isDone()).toBe(true);
  });

  test("issue comments are created and updated through the issue comment routes", async () => {
    const scope = nock(API)
      .post(`${REPO}/issues/3/comments`, { body: "hi" }).reply(201, comment(5, "hi"))
      .patch(`${REPO}/issues/comments/5`, { body: "bye" }).reply(200, comment(5, "bye"));
    await host.createComment(repo, { kind: "issue", number: 3 }, "hi");
    await host.updateComment(repo, { kind: "issue", number: 3 }, 5, "bye");
    expect(scope.isDone()).toBe(true);
  });

  test("a failed write is CODE_HOST_FAILED", async () => {
    nock(API).post(`${REPO}/issues/3/comments`).reply(403, { message: "Resource not accessible by integration" });
    const error = await host.createComment(repo, { kind: "issue", number: 3 }, "hi").catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
  });
});

describe("permissions, runs and pull requests", () => {
  test.each([
    [{ permission: "write", role_name: "maintain" }, "maintain"],
    [{ permission: "admin", role_name: "admin" }, "admin"],
    [{ permission: "read", role_name: "custom-auditor" }, "read"],
  ])("permission %j is %s", async (data, role) => {
    nock(API).get(`${REPO}/collaborators/dana/permission`).reply(200, { ...data, user: { login: "dana" } });
    await expect(host.getPermission(repo, "dana")).resolves.toBe(role);
  });

  test("an unknown user has no permission", async () => {
    nock(API).get(`${REPO}/collaborators/ghost/permission`).reply(404, { message: "Not Found" });
    await expect(host.getPermission(repo, "ghost")).resolves.toBe("none");
  });

  test("a run is read by id; a missing one is null", async () => {
    nock(API).get(`${REPO}/actions/runs/42`).reply(200, run(42, { name: "" })).get(`${REPO}/actions/runs/43`).reply(404, { message: "Not Found" });
    await expect(host.getWorkflowRun(repo, 42)).resolves.toEqual({ id: 42, name: ".github/workflows/ci.yml", url: "https://github.com/acme/shop/actions/runs/42", headSha: SHA, headBranch: "main", status: "completed", conclusion: "failure", workflowId: 77, runNumber: 12, event: "pull_request", pullRequests: [{ number: 3, baseSha: "b".repeat(40) }] });
    await expect(host.getWorkflowRun(repo, 43)).resolves.toBeNull();
  });

  test("the latest failed run is asked for by commit or by branch, newest first", async () => {
    const scope = nock(API)
      .get(`${REPO}/actions/runs`).query({ status: "failure", per_page: "1", head_sha: SHA }).reply(200, { total_count: 2, workflow_runs: [run(8)] })
      .get(`${REPO}/actions/runs`).query({ status: "failure", per_page: "1", branch: "main" }).reply(200, { total_count: 0, workflow_runs: [] });
    await expect(host.findLatestFailedRun(repo, { headSha: SHA })).resolves.toMatchObject({ id: 8 });
    await expect(host.findLatestFailedRun(repo, { branch: "main" })).resolves.toBeNull();
    expect(scope.isDone()).toBe(true);
  });

  test("a pull request's head sha; an issue number is null", async () => {
    nock(API).get(`${REPO}/pulls/3`).reply(200, { number: 3, head: { sha: SHA, ref: "fix" } }).get(`${REPO}/pulls/4`).reply(404, { message: "Not Found" });
    await expect(host.getPullRequestHead(repo, 3)).resolves.toBe(SHA);
    await expect(host.getPullRequestHead(repo, 4)).resolves.toBeNull();
  });
});
