import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { gitDataRoutes } from "../../src/sandbox/rest/routes/git-data-routes.js";
import { pullsRoutes } from "../../src/sandbox/rest/routes/pulls-routes.js";
import { reposRoutes } from "../../src/sandbox/rest/routes/repos-routes.js";
import { alice, bot, createGitRouteFixture, type GitRouteFixture } from "./support/git-route-fixture.js";

const REFS = "/repos/{owner}/{repo}/git/refs";
const REF = "/repos/{owner}/{repo}/git/refs/{ref}";

let f: GitRouteFixture;
let main: string;
beforeEach(async () => {
  f = await createGitRouteFixture([...gitDataRoutes, ...reposRoutes, ...pullsRoutes]);
  main = (await f.git.resolve("acme", "shop", "main"))!;
});
afterEach(() => f.cleanup());

describe("refs", () => {
  test("creating a ref is atomic: of two concurrent creates exactly one wins", async () => {
    const create = () => f.call("POST", REFS, { caller: bot, body: { ref: "refs/heads/agenticops/lock", sha: main } });
    const results = await Promise.all([create(), create(), create()]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 422, 422]);
    const won = results.find((r) => r.status === 201)!;
    expect(won.body).toMatchObject({ ref: "refs/heads/agenticops/lock", object: { type: "commit", sha: main } });
    expect(f.problems("POST", REFS, won)).toEqual([]);
    expect(results.find((r) => r.status === 422)!.body.message).toBe("Reference already exists");
  });

  test("rejects bad names and unknown objects, and refuses anonymous callers", async () => {
    expect((await f.call("POST", REFS, { caller: bot, body: { ref: "heads/x", sha: main } })).body.message).toBe("Reference name is invalid");
    expect((await f.call("POST", REFS, { caller: bot, body: { ref: "refs/heads/x", sha: "1".repeat(40) } })).status).toBe(422);
    expect((await f.call("POST", REFS, { body: { ref: "refs/heads/x", sha: main } })).status).toBe(401);
  });

  test("gets, matches, updates (fast-forward unless forced) and deletes refs", async () => {
    const next = await f.commit("feature-a", { "a.txt": "a\n" });
    await f.commit("feature-b", { "b.txt": "b\n" });
    const got = await f.call("GET", "/repos/{owner}/{repo}/git/ref/{ref}", { params: { ref: "heads/feature-a" } });
    expect(got.body.object.sha).toBe(next);
    expect(f.problems("GET", "/repos/{owner}/{repo}/git/ref/{ref}", got)).toEqual([]);
    expect((await f.call("GET", "/repos/{owner}/{repo}/git/ref/{ref}", { params: { ref: "heads/feature" } })).status).toBe(404);

    const matching = await f.call("GET", "/repos/{owner}/{repo}/git/matching-refs/{ref}", { params: { ref: "heads/feature" } });
    expect(matching.body.map((r: any) => r.ref)).toEqual(["refs/heads/feature-a", "refs/heads/feature-b"]);
    expect(f.problems("GET", "/repos/{owner}/{repo}/git/matching-refs/{ref}", matching)).toEqual([]);

    const forward = await f.call("PATCH", REF, { caller: bot, params: { ref: "heads/main" }, body: { sha: next } });
    expect(forward.status).toBe(200);
    expect(f.problems("PATCH", REF, forward)).toEqual([]);
    const back = await f.call("PATCH", REF, { caller: bot, params: { ref: "heads/main" }, body: { sha: main } });
    expect(back).toMatchObject({ status: 422, body: { message: "Update is not a fast forward" } });
    expect(await f.git.resolve("acme", "shop", "main")).toBe(next);
    const forced = await f.call("PATCH", REF, { caller: bot, params: { ref: "heads/main" }, body: { sha: main, force: true } });
    expect(forced.body.object.sha).toBe(main);
    expect((await f.call("PATCH", REF, { caller: bot, params: { ref: "heads/nope" }, body: { sha: main } })).status).toBe(422);

    expect((await f.call("DELETE", REF, { caller: bot, params: { ref: "heads/feature-b" } })).status).toBe(204);
    expect(await f.git.resolve("acme", "shop", "refs/heads/feature-b")).toBeNull();
    expect((await f.call("DELETE", REF, { caller: bot, params: { ref: "heads/feature-b" } })).status).toBe(422);
  });

  test("moving a branch through the API moves the head of its open pull request", async () => {
    await f.commit("fix", { "a.txt": "1\n" });
    const pr = await f.call("POST", "/repos/{owner}/{repo}/pulls", { caller: alice, body: { title: "Fix", head: "fix", base: "main" } });
    const moved = await f.git.commitFiles("acme", "shop", "side", { message: "more", files: { "a.txt": "2\n" } });
    await f.call("PATCH", REF, { caller: bot, params: { ref: "heads/fix" }, body: { sha: moved, force: true } });
    const after = await f.call("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", { params: { pull_number: String(pr.body.number) } });
    expect(after.body.head.sha).toBe(moved);
  });
});

describe("blobs, trees and commits", () => {
  test("blobs round-trip in utf-8 and base64", async () => {
    const text = await f.call("POST", "/repos/{owner}/{repo}/git/blobs", { caller: bot, body: { content: "héllo\n" } });
    expect(text.status).toBe(201);
    expect(f.problems("POST", "/repos/{owner}/{repo}/git/blobs", text)).toEqual([]);
    const binary = await f.call("POST", "/repos/{owner}/{repo}/git/blobs", { caller: bot, body: { content: Buffer.from([0, 255, 1]).toString("base64"), encoding: "base64" } });
    const got = await f.call("GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}", { params: { file_sha: binary.body.sha } });
    expect(got.body).toMatchObject({ sha: binary.body.sha, size: 3, encoding: "base64" });
    expect([...Buffer.from(got.body.content, "base64")]).toEqual([0, 255, 1]);
    expect(f.problems("GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}", got)).toEqual([]);
    const again = await f.call("GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}", { params: { file_sha: text.body.sha } });
    expect(Buffer.from(again.body.content, "base64").toString("utf8")).toBe("héllo\n");
    expect((await f.call("GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}", { params: { file_sha: "1".repeat(40) } })).status).toBe(404);
  });

  test("a tree, a commit and a ref update produce a commit visible in the commits list", async () => {
    const baseTree = (await f.git.getCommit("acme", "shop", main))!.tree;
    const blob = await f.call("POST", "/repos/{owner}/{repo}/git/blobs", { caller: bot, body: { content: "port: 9090\n" } });
    const tree = await f.call("POST", "/repos/{owner}/{repo}/git/trees", {
      caller: bot,
      body: {
        base_tree: baseTree,
        tree: [
          { path: "deploy/config.yaml", mode: "100644", type: "blob", sha: blob.body.sha },
          { path: "deploy/notes.md", mode: "100644", type: "blob", content: "notes\n" },
          { path: "README.md", mode: "100644", type: "blob", sha: null },
        ],
      },
    });
    expect(tree.status).toBe(201);
    expect(f.problems("POST", "/repos/{owner}/{repo}/git/trees", tree)).toEqual([]);
    expect(tree.body.tree.map((e: any) => e.path)).toEqual(["deploy", "src"]);

    const recursive = await f.call("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}", { params: { tree_sha: tree.body.sha }, query: { recursive: "1" } });
    expect(recursive.body.tree.filter((e: any) => e.type === "blob").map((e: any) => e.path)).toEqual(["deploy/config.yaml", "deploy/notes.md", "src/app.ts"]);
    expect(f.problems("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}", recursive)).toEqual([]);
    const byBranch = await f.call("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}", { params: { tree_sha: "main" } });
    expect(byBranch.body.sha).toBe(baseTree);

    const commit = await f.call("POST", "/repos/{owner}/{repo}/git/commits", { caller: bot, body: { message: "Configure deploy", tree: tree.body.sha, parents: [main] } });
    expect(commit.status).toBe(201);
    expect(commit.body).toMatchObject({ message: "Configure deploy", tree: { sha: tree.body.sha }, parents: [{ sha: main }], author: { name: "agenticops[bot]" }, verification: { verified: false } });
    expect(f.problems("POST", "/repos/{owner}/{repo}/git/commits", commit)).toEqual([]);
    const fetched = await f.call("GET", "/repos/{owner}/{repo}/git/commits/{commit_sha}", { params: { commit_sha: commit.body.sha } });
    expect(fetched.body.sha).toBe(commit.body.sha);
    expect(f.problems("GET", "/repos/{owner}/{repo}/git/commits/{commit_sha}", fetched)).toEqual([]);

    await f.call("PATCH", REF, { caller: bot, params: { ref: "heads/main" }, body: { sha: commit.body.sha } });
    const commits = await f.call("GET", "/repos/{owner}/{repo}/commits");
    expect(commits.body.map((c: any) => c.commit.message)).toEqual(["Configure deploy", "initial"]);
    expect(commits.body[0].author.login).toBe("agenticops[bot]");
  });

  test("rejects trees and commits naming objects that do not exist", async () => {
    const badBase = await f.call("POST", "/repos/{owner}/{repo}/git/trees", { caller: bot, body: { base_tree: "1".repeat(40), tree: [{ path: "a", mode: "100644", type: "blob", content: "a" }] } });
    expect(badBase.status).toBe(422);
    const badTree = await f.call("POST", "/repos/{owner}/{repo}/git/commits", { caller: bot, body: { message: "m", tree: "1".repeat(40) } });
    expect(badTree.body.message).toBe("Tree SHA does not exist");
    const tree = (await f.git.getCommit("acme", "shop", main))!.tree;
    const badParent = await f.call("POST", "/repos/{owner}/{repo}/git/commits", { caller: bot, body: { message: "m", tree, parents: ["2".repeat(40)] } });
    expect(badParent.status).toBe(422);
  });
});
