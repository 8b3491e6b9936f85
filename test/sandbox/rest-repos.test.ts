import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { gitDataRoutes } from "../../src/sandbox/rest/routes/git-data-routes.js";
import { pullsRoutes } from "../../src/sandbox/rest/routes/pulls-routes.js";
import { reposRoutes } from "../../src/sandbox/rest/routes/repos-routes.js";
import { alice, bot, createGitRouteFixture, type GitRouteFixture } from "./support/git-route-fixture.js";

const CONTENTS = "/repos/{owner}/{repo}/contents/{path}";
const b64 = (text: string) => Buffer.from(text).toString("base64");
const decode = (content: string) => Buffer.from(content, "base64").toString("utf8");

let f: GitRouteFixture;
beforeEach(async () => {
  f = await createGitRouteFixture([...reposRoutes, ...pullsRoutes]);
});
afterEach(() => f.cleanup());

describe("routing", () => {
  test("GitHub's router lands every typical request on one of these handlers", () => {
    const routes = [...reposRoutes, ...gitDataRoutes, ...pullsRoutes];
    const requests: [string, string, string][] = [
      ["GET", "/repos/acme/shop/contents/docs/guide/a.md", "/repos/{owner}/{repo}/contents/{path}"],
      ["PUT", "/repos/acme/shop/contents/.github/CODEOWNERS", "/repos/{owner}/{repo}/contents/{path}"],
      ["GET", "/repos/acme/shop/branches/agenticops/fix-1", "/repos/{owner}/{repo}/branches/{branch}"],
      ["GET", "/repos/acme/shop/rules/branches/agenticops/fix-1", "/repos/{owner}/{repo}/rules/branches/{branch}"],
      ["GET", "/repos/acme/shop/commits/main", "/repos/{owner}/{repo}/commits/{ref}"],
      ["GET", "/repos/acme/shop/commits/abc123/pulls", "/repos/{owner}/{repo}/commits/{commit_sha}/pulls"],
      ["GET", "/repos/acme/shop/compare/main...feature", "/repos/{owner}/{repo}/compare/{base}...{head}"],
      ["GET", "/repos/acme/shop/compare/main...agenticops/fix", "/repos/{owner}/{repo}/compare/{basehead}"],
      ["GET", "/repos/acme/shop/git/ref/heads/agenticops/fix", "/repos/{owner}/{repo}/git/ref/{ref}"],
      ["PATCH", "/repos/acme/shop/git/refs/heads/agenticops/fix", "/repos/{owner}/{repo}/git/refs/{ref}"],
      ["GET", "/repos/acme/shop/git/matching-refs/heads/agenticops", "/repos/{owner}/{repo}/git/matching-refs/{ref}"],
      ["PUT", "/repos/acme/shop/pulls/3/merge", "/repos/{owner}/{repo}/pulls/{pull_number}/merge"],
      ["POST", "/repos/acme/shop/pulls/3/requested_reviewers", "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"],
    ];
    for (const [method, path, expected] of requests) {
      const matched = f.validator.match(method, path)?.route;
      expect([method, path, matched]).toEqual([method, path, expected]);
      expect(routes.some((r) => r.method === method && r.path === matched)).toBe(true);
    }
    for (const route of routes) expect(f.validator.documentationUrl(route.method, route.path)).toMatch(/^https:/);
  });

  test("compare answers under both of GitHub's route spellings", async () => {
    await f.commit("feature", { "a.txt": "a\n" });
    const res = await f.call("GET", "/repos/{owner}/{repo}/compare/{base}...{head}", { params: { base: "main", head: "feature" } });
    expect(res.body).toMatchObject({ status: "ahead", ahead_by: 1 });
    expect(f.problems("GET", "/repos/{owner}/{repo}/compare/{base}...{head}", res)).toEqual([]);
  });
});

describe("repository and branches", () => {
  test("renders the repository and its branches as GitHub does", async () => {
    const repo = await f.call("GET", "/repos/{owner}/{repo}");
    expect(repo.body).toMatchObject({ full_name: "acme/shop", default_branch: "main" });
    expect(f.problems("GET", "/repos/{owner}/{repo}", repo)).toEqual([]);

    const feature = await f.commit("feature", { "a.txt": "a\n" });
    const list = await f.call("GET", "/repos/{owner}/{repo}/branches");
    expect(list.body.map((b: any) => [b.name, b.protected])).toEqual([["feature", false], ["main", false]]);
    expect(f.problems("GET", "/repos/{owner}/{repo}/branches", list)).toEqual([]);

    const branch = await f.call("GET", "/repos/{owner}/{repo}/branches/{branch}", { params: { branch: "feature" } });
    expect(branch.body.commit.sha).toBe(feature);
    expect(f.problems("GET", "/repos/{owner}/{repo}/branches/{branch}", branch)).toEqual([]);
    expect((await f.call("GET", "/repos/{owner}/{repo}/branches/{branch}", { params: { branch: "nope" } })).status).toBe(404);
  });

  test("no ruleset applies to any branch in the sandbox, as GitHub answers for an unprotected repository", async () => {
    const rules = await f.call("GET", "/repos/{owner}/{repo}/rules/branches/{branch}", { params: { branch: "main" } });
    expect(rules).toMatchObject({ status: 200, body: [] });
    expect(f.problems("GET", "/repos/{owner}/{repo}/rules/branches/{branch}", rules)).toEqual([]);
  });
});

describe("contents", () => {
  test("creates, reads, updates and deletes a nested file with optimistic concurrency", async () => {
    const path = "docs/guide/intro.md";
    const created = await f.call("PUT", CONTENTS, { params: { path }, caller: bot, body: { message: "add intro", content: b64("hello\n") } });
    expect(created.status).toBe(201);
    expect(f.problems("PUT", CONTENTS, created)).toEqual([]);
    expect(created.body.commit.author.name).toBe("agenticops[bot]");

    const read = await f.call("GET", CONTENTS, { params: { path } });
    expect(read.body).toMatchObject({ type: "file", encoding: "base64", path, name: "intro.md", sha: created.body.content.sha, size: 6 });
    expect(decode(read.body.content)).toBe("hello\n");
    expect(f.problems("GET", CONTENTS, read)).toEqual([]);

    // Probot's context.config asks for `mediaType: { format: "raw" }` and needs a non-JSON content type.
    const raw = await f.call("GET", CONTENTS, { params: { path }, headers: { accept: "application/vnd.github.v3.raw" } });
    expect(raw.body).toBe("hello\n");
    expect(raw.headers?.["content-type"]).not.toMatch(/json/);
    expect((await f.call("GET", CONTENTS, { params: { path }, headers: { accept: "application/vnd.github.raw+json" } })).body).toBe("hello\n");

    const dir = await f.call("GET", CONTENTS, { params: { path: "docs" } });
    expect(dir.body.map((e: any) => [e.path, e.type])).toEqual([["docs/guide", "dir"]]);
    expect(f.problems("GET", CONTENTS, dir)).toEqual([]);

    const noSha = await f.call("PUT", CONTENTS, { params: { path }, caller: alice, body: { message: "m", content: b64("x") } });
    expect(noSha.status).toBe(422);
    const stale = await f.call("PUT", CONTENTS, { params: { path }, caller: alice, body: { message: "m", content: b64("x"), sha: "0".repeat(40) } });
    expect(stale.status).toBe(409);

    const updated = await f.call("PUT", CONTENTS, { params: { path }, caller: alice, body: { message: "edit", content: b64("bye\n"), sha: read.body.sha } });
    expect(updated.status).toBe(200);
    expect(decode((await f.call("GET", CONTENTS, { params: { path } })).body.content)).toBe("bye\n");
    const replay = await f.call("PUT", CONTENTS, { params: { path }, caller: alice, body: { message: "again", content: b64("z"), sha: read.body.sha } });
    expect(replay.status).toBe(409);

    const removed = await f.call("DELETE", CONTENTS, { params: { path }, caller: alice, body: { message: "rm", sha: updated.body.content.sha } });
    expect(removed.status).toBe(200);
    expect(removed.body.content).toBeNull();
    expect(f.problems("DELETE", CONTENTS, removed)).toEqual([]);
    expect((await f.call("GET", CONTENTS, { params: { path } })).status).toBe(404);
  });

  test("reads other refs, writes other branches and refuses anonymous writes", async () => {
    await f.commit("feature", { "src/app.ts": "export const port = 8080;\n" });
    const onFeature = await f.call("GET", CONTENTS, { params: { path: "src/app.ts" }, query: { ref: "feature" } });
    expect(decode(onFeature.body.content)).toContain("8080");
    expect(decode((await f.call("GET", CONTENTS, { params: { path: "src/app.ts" } })).body.content)).toContain("3000");
    expect((await f.call("GET", CONTENTS, { params: { path: "src/app.ts" }, query: { ref: "nope" } })).status).toBe(404);

    const put = await f.call("PUT", CONTENTS, { params: { path: "new.txt" }, caller: alice, body: { message: "n", content: b64("n\n"), branch: "feature" } });
    expect(put.status).toBe(201);
    expect(await f.git.readPath("acme", "shop", "main", "new.txt")).toBeNull();
    expect((await f.call("PUT", CONTENTS, { params: { path: "x" }, caller: alice, body: { message: "n", content: "", branch: "gone" } })).status).toBe(404);
    expect((await f.call("PUT", CONTENTS, { params: { path: "x" }, body: { message: "n", content: b64("x") } })).status).toBe(401);
  });

  test("CODEOWNERS is found through contents at GitHub's three locations", async () => {
    const locate = async () => {
      for (const path of [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]) {
        const res = await f.call("GET", CONTENTS, { params: { path } });
        if (res.status === 200) return { path, text: decode(res.body.content) };
      }
      return null;
    };
    expect(await locate()).toBeNull();
    await f.commit("main", { "docs/CODEOWNERS": "* @acme/docs\n" });
    expect(await locate()).toEqual({ path: "docs/CODEOWNERS", text: "* @acme/docs\n" });
    await f.commit("main", { ".github/CODEOWNERS": "src/ @alice\n*.md @bob\n" });
    expect(await locate()).toEqual({ path: ".github/CODEOWNERS", text: "src/ @alice\n*.md @bob\n" });
  });
});

describe("commits and compare", () => {
  test("lists commits newest first with path filter and pagination", async () => {
    const second = await f.commit("main", { "src/app.ts": "export const port = 1;\n" }, "tune port");
    const third = await f.commit("main", { "README.md": "# shop!\n" }, "readme");
    const all = await f.call("GET", "/repos/{owner}/{repo}/commits");
    expect(all.body.map((c: any) => c.commit.message)).toEqual(["readme", "tune port", "initial"]);
    expect(f.problems("GET", "/repos/{owner}/{repo}/commits", all)).toEqual([]);

    const onPath = await f.call("GET", "/repos/{owner}/{repo}/commits", { query: { path: "src/app.ts" } });
    expect(onPath.body.map((c: any) => c.sha)).toEqual([second, all.body[2].sha]);

    const paged = await f.call("GET", "/repos/{owner}/{repo}/commits", { query: { per_page: "1", page: "2" } });
    expect(paged.body.map((c: any) => c.sha)).toEqual([second]);
    expect(paged.headers?.["link"]).toContain('rel="next"');
    const fromSha = await f.call("GET", "/repos/{owner}/{repo}/commits", { query: { sha: second } });
    expect(fromSha.body[0].sha).toBe(second);
    expect(fromSha.body).toHaveLength(2);
    expect(all.body[0].sha).toBe(third);
  });

  test("a single commit carries files with patches and stats", async () => {
    const sha = await f.commit("main", { "src/app.ts": "export const port = 1;\n", "docs/new.md": "new\n", "README.md": null }, "mixed");
    const res = await f.call("GET", "/repos/{owner}/{repo}/commits/{ref}", { params: { ref: sha } });
    expect(f.problems("GET", "/repos/{owner}/{repo}/commits/{ref}", res)).toEqual([]);
    const files = Object.fromEntries(res.body.files.map((x: any) => [x.filename, x]));
    expect(files["src/app.ts"]).toMatchObject({ status: "modified", additions: 1, deletions: 1 });
    expect(files["src/app.ts"].patch).toContain("-export const port = 3000;\n+export const port = 1;");
    expect(files["docs/new.md"].status).toBe("added");
    expect(files["README.md"].status).toBe("removed");
    expect(res.body.stats).toEqual({ additions: 2, deletions: 2, total: 4 });
    expect(res.body.parents).toHaveLength(1);
    expect((await f.call("GET", "/repos/{owner}/{repo}/commits/{ref}", { params: { ref: "main" } })).body.sha).toBe(sha);
    expect((await f.call("GET", "/repos/{owner}/{repo}/commits/{ref}", { params: { ref: "nope" } })).status).toBe(422);
  });

  test("compares base...head and base..head", async () => {
    await f.commit("feature", { "src/app.ts": "export const port = 8080;\n" }, "feature port");
    const compare = (basehead: string) => f.call("GET", "/repos/{owner}/{repo}/compare/{basehead}", { params: { basehead } });
    const ahead = await compare("main...feature");
    expect(ahead.body).toMatchObject({ status: "ahead", ahead_by: 1, behind_by: 0, total_commits: 1 });
    expect(ahead.body.files[0].patch).toContain("+export const port = 8080;");
    expect(f.problems("GET", "/repos/{owner}/{repo}/compare/{basehead}", ahead)).toEqual([]);

    await f.commit("main", { "README.md": "# shop v2\n" }, "main moves");
    const diverged = await compare("acme:main...acme:feature");
    expect(diverged.body).toMatchObject({ status: "diverged", ahead_by: 1, behind_by: 1 });
    expect(diverged.body.files.map((x: any) => x.filename)).toEqual(["src/app.ts"]);
    expect(diverged.body.merge_base_commit.commit.message).toBe("initial");
    // Two dots diff the tips directly, so main's own README change shows up (reversed).
    const direct = await compare("main..feature");
    expect(direct.body.files.map((x: any) => x.filename).sort()).toEqual(["README.md", "src/app.ts"]);
    expect((await compare("main...nope")).status).toBe(404);
    expect((await compare("other:main...feature")).status).toBe(404);
  });

  test("finds the pull requests whose head is a commit", async () => {
    const head = await f.commit("feature", { "a.txt": "a\n" });
    const pr = await f.call("POST", "/repos/{owner}/{repo}/pulls", { caller: alice, body: { title: "A", head: "feature", base: "main" } });
    expect(pr.status).toBe(201);
    const res = await f.call("GET", "/repos/{owner}/{repo}/commits/{commit_sha}/pulls", { params: { commit_sha: head } });
    expect(res.body.map((p: any) => p.number)).toEqual([pr.body.number]);
    expect(f.problems("GET", "/repos/{owner}/{repo}/commits/{commit_sha}/pulls", res)).toEqual([]);
    const main = await f.git.resolve("acme", "shop", "main");
    expect((await f.call("GET", "/repos/{owner}/{repo}/commits/{commit_sha}/pulls", { params: { commit_sha: main! } })).body).toEqual([]);
  });
});
