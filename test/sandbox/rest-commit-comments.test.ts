import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { createRequire } from "node:module";
import type { OpenApiDocument } from "../../src/sandbox/openapi/openapi-types.js";
import { requiredPermissions } from "../../src/sandbox/auth/route-permissions.js";
import { commitCommentsRoutes } from "../../src/sandbox/rest/routes/commit-comments-routes.js";
import { alice, bot, createSandboxRestFixture, mallory, type SandboxRestFixture } from "./support/sandbox-rest-fixture.js";

const FOR_COMMIT = "/repos/{owner}/{repo}/commits/{commit_sha}/comments";
const ALL = "/repos/{owner}/{repo}/comments";
const ONE = "/repos/{owner}/{repo}/comments/{comment_id}";

let f: SandboxRestFixture;
beforeEach(async () => {
  f = await createSandboxRestFixture(commitCommentsRoutes);
});
afterEach(() => f.cleanup());

const comment = async (body: unknown, caller = bot, sha = f.mainSha) =>
  f.call("POST", FOR_COMMIT, { caller, params: { commit_sha: sha }, body });

describe("commit comments", () => {
  test("the app's bot comments on a commit, in GitHub's commit-comment shape", async () => {
    const res = await comment({ body: "CI failed here" });
    expect(res.status).toBe(201);
    expect(res.headers?.["location"]).toBe(res.body.url);
    expect(res.body).toMatchObject({
      body: "CI failed here",
      commit_id: f.mainSha,
      path: null,
      position: null,
      line: null,
      user: { login: "agenticops[bot]", type: "Bot" },
      html_url: `http://127.0.0.1:4711/acme/shop/commit/${f.mainSha}#commitcomment-${res.body.id}`,
    });
    expect(f.problems("POST", FOR_COMMIT, res)).toEqual([]);
    expect(f.repoState.commitComments).toHaveLength(1);
  });

  test("lists a commit's comments (a branch name resolves to its tip) and the repository's", async () => {
    const second = await f.commit("main", { "a.txt": "a\n" });
    await comment({ body: "on the first" });
    await comment({ body: "on the second" }, alice, second);
    const forFirst = await f.call("GET", FOR_COMMIT, { caller: bot, params: { commit_sha: f.mainSha } });
    expect(forFirst.body.map((c: { body: string }) => c.body)).toEqual(["on the first"]);
    const byBranch = await f.call("GET", FOR_COMMIT, { caller: bot, params: { commit_sha: "main" } });
    expect(byBranch.body.map((c: { body: string }) => c.body)).toEqual(["on the second"]);
    const all = await f.call("GET", ALL, { caller: bot });
    expect(all.body.map((c: { body: string }) => c.body)).toEqual(["on the first", "on the second"]);
    expect(f.problems("GET", FOR_COMMIT, forFirst)).toEqual([]);
    expect(f.problems("GET", ALL, all)).toEqual([]);
  });

  test("gets and updates a comment; the author edits it, a stranger may not", async () => {
    const { body: created } = await comment({ body: "first draft" });
    const params = { comment_id: String(created.id) };
    const updated = await f.call("PATCH", ONE, { caller: bot, params, body: { body: "final" } });
    expect(updated).toMatchObject({ status: 200, body: { id: created.id, body: "final" } });
    expect(updated.body.updated_at > created.updated_at).toBe(true);
    expect(f.problems("PATCH", ONE, updated)).toEqual([]);
    const got = await f.call("GET", ONE, { caller: mallory, params });
    expect(got).toMatchObject({ status: 200, body: { body: "final" } });
    expect(f.problems("GET", ONE, got)).toEqual([]);
    expect((await f.call("PATCH", ONE, { caller: mallory, params, body: { body: "defaced" } })).status).toBe(403);
    expect((await f.call("DELETE", ONE, { caller: alice, params })).status).toBe(204);
    expect((await f.call("GET", ONE, { caller: bot, params })).status).toBe(404);
  });

  test("refuses what GitHub refuses: no body, an unknown commit, anonymous callers, a bad position", async () => {
    expect((await comment({})).status).toBe(422);
    expect((await comment({ body: "x" }, bot, "f".repeat(40))).body).toEqual({ message: `No commit found for SHA: ${"f".repeat(40)}` });
    expect((await comment({ body: "x" }, { kind: "anonymous" })).status).toBe(401);
    expect((await comment({ body: "x", position: "3" })).status).toBe(422);
    expect((await f.call("GET", ONE, { caller: bot, params: { comment_id: "999" } })).status).toBe(404);
  });

  test("creating needs contents: write and reading contents: read, as GitHub documents for apps", () => {
    const document = createRequire(import.meta.url)("@octokit/openapi/generated/api.github.com.json") as OpenApiDocument;
    expect(requiredPermissions(document, "POST", FOR_COMMIT)).toEqual([{ permission: "contents", level: "write" }]);
    expect(requiredPermissions(document, "PATCH", ONE)).toEqual([{ permission: "contents", level: "write" }]);
    expect(requiredPermissions(document, "GET", FOR_COMMIT)).toEqual([{ permission: "contents", level: "read" }]);
  });
});
