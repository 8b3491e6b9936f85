import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { collaboratorsRoutes } from "../../src/sandbox/rest/routes/collaborators-routes.js";
import { issuesRoutes } from "../../src/sandbox/rest/routes/issues-routes.js";
import { alice, bob, bot, createSandboxRestFixture, mallory, type SandboxRestFixture } from "./support/sandbox-rest-fixture.js";

const ISSUES = "/repos/{owner}/{repo}/issues";
const ISSUE = "/repos/{owner}/{repo}/issues/{issue_number}";
const COMMENTS = "/repos/{owner}/{repo}/issues/{issue_number}/comments";
const COMMENT = "/repos/{owner}/{repo}/issues/comments/{comment_id}";
const ISSUE_LABELS = "/repos/{owner}/{repo}/issues/{issue_number}/labels";

let f: SandboxRestFixture;
beforeEach(async () => {
  f = await createSandboxRestFixture([...issuesRoutes, ...collaboratorsRoutes]);
});
afterEach(() => f.cleanup());

const openIssue = async (title: string, extra: Record<string, unknown> = {}, caller = bot) =>
  (await f.call("POST", ISSUES, { caller, body: { title, ...extra } })).body as { number: number; id: number };

/** A pull request as the pulls routes record it: an issue carrying `pull`. */
const addPull = (title: string) => {
  const now = f.ctx.state.timestamp();
  const number = f.ctx.state.nextNumber(f.repoState);
  f.repoState.issues.push({
    number, id: f.ctx.state.id(), title, body: null, user: "bob", state: "open", stateReason: null, labels: [], assignees: [],
    createdAt: now, updatedAt: now, closedAt: null, reactions: [],
    pull: {
      id: f.ctx.state.id(), head: "fix", headSha: "a".repeat(40), base: "main", baseSha: "b".repeat(40), draft: false, merged: false,
      mergedAt: null, mergedBy: null, mergeCommitSha: null, maintainerCanModify: true, requestedReviewers: [], requestedTeams: [], reviews: [],
    },
  });
  return number;
};

describe("issues", () => {
  test("creates an issue as the app's bot, auto-creating unknown labels, in GitHub's shape", async () => {
    const res = await f.call("POST", ISSUES, { caller: bot, body: { title: "Deploy failed", body: "details", labels: ["incident", { name: "sev2" }], assignees: ["alice"] } });
    expect(res.status).toBe(201);
    expect(res.headers?.["location"]).toBe(res.body.url);
    expect(res.body).toMatchObject({ number: 1, state: "open", title: "Deploy failed", user: { login: "agenticops[bot]", type: "Bot" }, assignee: { login: "alice" } });
    expect(res.body.labels.map((l: any) => l.name)).toEqual(["incident", "sev2"]);
    expect(f.repoState.labels.map((l) => l.name)).toEqual(["incident", "sev2"]);
    expect(f.problems("POST", ISSUES, res)).toEqual([]);
  });

  test("refuses anonymous writes, unknown repositories and missing titles like GitHub", async () => {
    expect(await f.call("POST", ISSUES, { body: { title: "x" } })).toMatchObject({ status: 401, body: { message: "Requires authentication" } });
    expect(await f.call("GET", ISSUES, { params: { repo: "nope" } })).toMatchObject({ status: 404, body: { message: "Not Found" } });
    expect((await f.call("POST", ISSUES, { caller: alice, body: { body: "no title" } })).status).toBe(422);
    expect((await f.call("GET", ISSUE, { params: { issue_number: "99" } })).status).toBe(404);
  });

  test("closes with a reason, reopens, and edits title, labels and assignees", async () => {
    const { number } = await openIssue("flaky", { labels: ["ci"] });
    const params = { issue_number: String(number) };
    const closed = await f.call("PATCH", ISSUE, { caller: alice, params, body: { state: "closed", state_reason: "not_planned" } });
    expect(closed.body).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(closed.body.closed_at).toEqual(expect.any(String));
    expect(f.problems("PATCH", ISSUE, closed)).toEqual([]);

    const reopened = await f.call("PATCH", ISSUE, { caller: alice, params, body: { state: "open", title: "flaky test", labels: ["bug"], assignees: ["bob"] } });
    expect(reopened.body).toMatchObject({ state: "open", state_reason: "reopened", closed_at: null, title: "flaky test" });
    expect(reopened.body.labels.map((l: any) => l.name)).toEqual(["bug"]);
    expect(reopened.body.assignees.map((u: any) => u.login)).toEqual(["bob"]);
  });

  test("lists issues and pull requests with filters, sorting and a Link header", async () => {
    await openIssue("one", { labels: ["bug"] });
    await openIssue("two", { labels: ["bug", "ci"] }, alice);
    const pr = addPull("a fix");
    const three = await openIssue("three", {}, alice);
    await f.call("PATCH", ISSUE, { caller: alice, params: { issue_number: String(three.number) }, body: { state: "closed" } });

    const open = await f.call("GET", ISSUES);
    expect(open.body.map((i: any) => i.title)).toEqual(["a fix", "two", "one"]);
    const pull = open.body.find((i: any) => i.number === pr);
    expect(pull.pull_request.url).toMatch(new RegExp(`/pulls/${pr}$`));
    expect(open.body.find((i: any) => i.title === "one").pull_request).toBeUndefined();
    expect(f.problems("GET", ISSUES, open)).toEqual([]);

    const titles = async (query: Record<string, string>) => (await f.call("GET", ISSUES, { query })).body.map((i: any) => i.title);
    expect(await titles({ labels: "bug,ci" })).toEqual(["two"]);
    expect(await titles({ creator: "alice", state: "all" })).toEqual(["three", "two"]);
    expect(await titles({ state: "closed" })).toEqual(["three"]);
    expect(await titles({ state: "all", direction: "asc" })).toEqual(["one", "two", "a fix", "three"]);

    const page1 = await f.call("GET", ISSUES, { query: { state: "all", per_page: "3" } });
    expect(page1.body).toHaveLength(3);
    expect(page1.headers?.["link"]).toBe(
      `<${f.ctx.apiUrl}/repos/acme/shop/issues?state=all&per_page=3&page=2>; rel="next", <${f.ctx.apiUrl}/repos/acme/shop/issues?state=all&per_page=3&page=2>; rel="last"`,
    );
    const page2 = await f.call("GET", ISSUES, { query: { state: "all", per_page: "3", page: "2" } });
    expect(page2.body.map((i: any) => i.title)).toEqual(["one"]);
    expect(page2.headers?.["link"]).toContain('rel="prev"');
    expect(page2.headers?.["link"]).not.toContain('rel="next"');
  });

  test("the issues API reads and edits pull requests too", async () => {
    const number = addPull("a fix");
    const res = await f.call("PATCH", ISSUE, { caller: bot, params: { issue_number: String(number) }, body: { body: "Proposed by AgenticOps" } });
    expect(res.body).toMatchObject({ body: "Proposed by AgenticOps", draft: false, pull_request: { merged_at: null } });
    expect(res.body.html_url).toMatch(new RegExp(`/pull/${number}$`));
  });
});

describe("comments", () => {
  test("creates, lists, edits and deletes comments; only authors and writers may change them", async () => {
    const { number } = await openIssue("incident");
    const params = { issue_number: String(number) };
    const created = await f.call("POST", COMMENTS, { caller: bot, params, body: { body: "Diagnosing…" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ body: "Diagnosing…", user: { login: "agenticops[bot]" }, author_association: "NONE" });
    expect(f.problems("POST", COMMENTS, created)).toEqual([]);
    await f.call("POST", COMMENTS, { caller: alice, params, body: { body: "thanks" } });

    const list = await f.call("GET", COMMENTS, { params });
    expect(list.body.map((c: any) => [c.user.login, c.author_association])).toEqual([["agenticops[bot]", "NONE"], ["alice", "COLLABORATOR"]]);
    expect((await f.call("GET", ISSUE, { params })).body.comments).toBe(2);

    const id = { comment_id: String(created.body.id) };
    expect((await f.call("PATCH", COMMENT, { caller: mallory, params: id, body: { body: "spam" } })).status).toBe(403);
    const edited = await f.call("PATCH", COMMENT, { caller: bot, params: id, body: { body: "Diagnosis: bad config" } });
    expect(edited.body.body).toBe("Diagnosis: bad config");
    expect(f.problems("GET", COMMENT, await f.call("GET", COMMENT, { params: id }))).toEqual([]);

    expect((await f.call("DELETE", COMMENT, { caller: bob, params: id })).status).toBe(204);
    expect((await f.call("GET", COMMENT, { params: id })).status).toBe(404);
    expect((await f.call("GET", "/repos/{owner}/{repo}/issues/comments")).body).toHaveLength(1);
  });
});

describe("labels", () => {
  test("creates repository labels and adds, sets and removes issue labels", async () => {
    const created = await f.call("POST", "/repos/{owner}/{repo}/labels", { caller: alice, body: { name: "incident", color: "#d73a4a", description: "prod" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "incident", color: "d73a4a", description: "prod", default: false });
    expect(f.problems("POST", "/repos/{owner}/{repo}/labels", created)).toEqual([]);
    expect((await f.call("POST", "/repos/{owner}/{repo}/labels", { caller: alice, body: { name: "Incident" } })).status).toBe(422);
    expect((await f.call("GET", "/repos/{owner}/{repo}/labels/{name}", { params: { name: "INCIDENT" } })).body.name).toBe("incident");

    const { number } = await openIssue("x");
    const params = { issue_number: String(number) };
    const added = await f.call("POST", ISSUE_LABELS, { caller: bot, params, body: { labels: ["incident", "agenticops"] } });
    expect(added.body.map((l: any) => l.name)).toEqual(["incident", "agenticops"]);
    expect(f.problems("POST", ISSUE_LABELS, added)).toEqual([]);
    expect(f.repoState.labels.find((l) => l.name === "agenticops")?.color).toBe("ededed");
    const again = await f.call("POST", ISSUE_LABELS, { caller: bot, params, body: ["agenticops"] });
    expect(again.body).toHaveLength(2);

    const set = await f.call("PUT", ISSUE_LABELS, { caller: bot, params, body: { labels: ["sev1"] } });
    expect(set.body.map((l: any) => l.name)).toEqual(["sev1"]);
    const removed = await f.call("DELETE", `${ISSUE_LABELS}/{name}`, { caller: bot, params: { ...params, name: "sev1" } });
    expect(removed).toMatchObject({ status: 200, body: [] });
    expect(await f.call("DELETE", `${ISSUE_LABELS}/{name}`, { caller: bot, params: { ...params, name: "sev1" } })).toMatchObject({
      status: 404,
      body: { message: "Label does not exist" },
    });
  });
});

describe("reactions", () => {
  test("are created once per user and content (201, then 200) on issues and comments", async () => {
    const { number } = await openIssue("x");
    const params = { issue_number: String(number) };
    const path = "/repos/{owner}/{repo}/issues/{issue_number}/reactions";
    const first = await f.call("POST", path, { caller: bot, params, body: { content: "eyes" } });
    expect(first.status).toBe(201);
    expect(f.problems("POST", path, first)).toEqual([]);
    const second = await f.call("POST", path, { caller: bot, params, body: { content: "eyes" } });
    expect(second).toMatchObject({ status: 200, body: { id: first.body.id } });
    await f.call("POST", path, { caller: alice, params, body: { content: "+1" } });
    expect((await f.call("GET", path, { params })).body).toHaveLength(2);
    expect((await f.call("GET", path, { params, query: { content: "+1" } })).body.map((r: any) => r.user.login)).toEqual(["alice"]);
    expect((await f.call("GET", ISSUE, { params })).body.reactions).toMatchObject({ total_count: 2, eyes: 1, "+1": 1, heart: 0 });

    const comment = await f.call("POST", COMMENTS, { caller: alice, params, body: { body: "hi" } });
    const commentPath = "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions";
    const cp = { comment_id: String(comment.body.id) };
    expect((await f.call("POST", commentPath, { caller: bot, params: cp, body: { content: "rocket" } })).status).toBe(201);
    expect((await f.call("POST", commentPath, { caller: bot, params: cp, body: { content: "rocket" } })).status).toBe(200);
    expect((await f.call("GET", COMMENT, { params: cp })).body.reactions.rocket).toBe(1);
  });
});

describe("collaborators", () => {
  const PERMISSION = "/repos/{owner}/{repo}/collaborators/{username}/permission";
  const permission = async (username: string) => (await f.call("GET", PERMISSION, { caller: bot, params: { username } })).body;

  test("reports GitHub's legacy permission and role per user", async () => {
    f.repoState.repo.collaborators["carol"] = "maintain";
    expect(await permission("acme")).toMatchObject({ permission: "admin", role_name: "admin", user: { login: "acme" } });
    expect(await permission("alice")).toMatchObject({ permission: "admin", role_name: "admin" });
    expect(await permission("carol")).toMatchObject({ permission: "write", role_name: "maintain", user: { permissions: { push: true, admin: false } } });
    expect(await permission("mallory")).toMatchObject({ permission: "read", role_name: "read" });
    expect(f.problems("GET", PERMISSION, await f.call("GET", PERMISSION, { params: { username: "bob" } }))).toEqual([]);
    f.repoState.repo.private = true;
    expect(await permission("mallory")).toMatchObject({ permission: "none", role_name: "none" });
    expect((await f.call("GET", PERMISSION, { params: { username: "ghost" } })).status).toBe(404);
  });

  test("checks and lists collaborators", async () => {
    const check = (username: string) => f.call("GET", "/repos/{owner}/{repo}/collaborators/{username}", { params: { username } });
    expect((await check("bob")).status).toBe(204);
    expect((await check("mallory")).status).toBe(404);
    const list = await f.call("GET", "/repos/{owner}/{repo}/collaborators");
    expect(list.body.map((c: any) => [c.login, c.role_name])).toEqual([["acme", "admin"], ["alice", "admin"], ["bob", "write"]]);
    expect(f.problems("GET", "/repos/{owner}/{repo}/collaborators", list)).toEqual([]);
    const admins = await f.call("GET", "/repos/{owner}/{repo}/collaborators", { query: { permission: "admin" } });
    expect(admins.body.map((c: any) => c.login)).toEqual(["acme", "alice"]);
  });
});
