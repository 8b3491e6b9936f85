import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { pullsRoutes } from "../../src/sandbox/rest/routes/pulls-routes.js";
import { syncPullHeads } from "../../src/sandbox/rest/sync-pull-heads.js";
import { alice, bob, bot, carol, createGitRouteFixture, type GitRouteFixture } from "./support/git-route-fixture.js";

const PULLS = "/repos/{owner}/{repo}/pulls";
const PULL = `${PULLS}/{pull_number}`;
const MERGE = `${PULL}/merge`;
const REVIEWS = `${PULL}/reviews`;
const REQUESTED = `${PULL}/requested_reviewers`;

let f: GitRouteFixture;
beforeEach(async () => {
  f = await createGitRouteFixture(pullsRoutes);
});
afterEach(() => f.cleanup());

// PRs are opened as a user: renderUser does not yet escape `[bot]` in URLs, which the schema rejects.
const open = (head: string, caller = alice, extra: Record<string, unknown> = {}) =>
  f.call("POST", PULLS, { caller, body: { title: `Change ${head}`, head, base: "main", body: "why", ...extra } });
const n = (pr: { body: any }) => ({ pull_number: String(pr.body.number) });

describe("opening and listing", () => {
  test("opens a pull request once per head and base, with GitHub's validation", async () => {
    const head = await f.commit("agenticops/fix", { "src/app.ts": "export const port = 8080;\n" }, "Fix port");
    const pr = await open("agenticops/fix");
    expect(pr.status).toBe(201);
    expect((await open("agenticops/fix", bot)).status).toBe(422);
    expect(f.problems("POST", PULLS, pr)).toEqual([]);
    expect(pr.body).toMatchObject({
      state: "open", draft: false, merged: false, mergeable: true, mergeable_state: "clean",
      head: { ref: "agenticops/fix", sha: head, label: "acme:agenticops/fix" }, base: { ref: "main" },
      user: { login: "alice" }, commits: 1, additions: 1, deletions: 1, changed_files: 1,
    });

    const again = await open("acme:agenticops/fix");
    expect(again.status).toBe(422);
    expect(again.body.errors[0].message).toBe("A pull request already exists for acme:agenticops/fix.");
    expect((await open("missing")).body.errors[0]).toMatchObject({ field: "head", code: "invalid" });
    expect((await f.call("POST", PULLS, { caller: bot, body: { title: "t", head: "agenticops/fix", base: "nope" } })).body.errors[0].field).toBe("base");
    await f.commit("empty", {}, "nothing");
    await f.git.updateRef("acme", "shop", "refs/heads/empty", (await f.git.resolve("acme", "shop", "main"))!, { force: true });
    expect((await open("empty")).body.errors[0].message).toBe("No commits between main and empty");
    expect((await open("agenticops/fix", { kind: "anonymous" })).status).toBe(401);
  });

  test("lists by state, head and base", async () => {
    await f.commit("a", { "a.txt": "a\n" });
    await f.commit("b", { "b.txt": "b\n" });
    const a = await open("a");
    const b = await open("b", bob);
    await f.call("PATCH", PULL, { caller: alice, params: n(b), body: { state: "closed" } });
    const list = (query: Record<string, string>) => f.call("GET", PULLS, { query }).then((r) => r.body.map((p: any) => p.number));
    expect(await list({})).toEqual([a.body.number]);
    expect(await list({ state: "all" })).toEqual([b.body.number, a.body.number]);
    expect(await list({ state: "all", direction: "asc" })).toEqual([a.body.number, b.body.number]);
    expect(await list({ state: "closed" })).toEqual([b.body.number]);
    expect(await list({ state: "all", head: "acme:b" })).toEqual([b.body.number]);
    expect(await list({ head: "other:a" })).toEqual([]);
    expect(await list({ base: "develop" })).toEqual([]);
    const res = await f.call("GET", PULLS, { query: { state: "all" } });
    expect(f.problems("GET", PULLS, res)).toEqual([]);
  });

  test("lists files with patches and commits", async () => {
    await f.commit("feat", { "src/app.ts": "export const port = 1;\n" }, "one");
    await f.commit("feat", { "docs/a.md": "a\n" }, "two");
    await f.commit("main", { "README.md": "# moved on\n" }, "unrelated");
    const pr = await open("feat");
    const files = await f.call("GET", `${PULL}/files`, { params: n(pr) });
    expect(files.body.map((x: any) => [x.filename, x.status])).toEqual([["docs/a.md", "added"], ["src/app.ts", "modified"]]);
    expect(files.body[1].patch).toContain("+export const port = 1;");
    expect(f.problems("GET", `${PULL}/files`, files)).toEqual([]);
    const commits = await f.call("GET", `${PULL}/commits`, { params: n(pr) });
    expect(commits.body.map((c: any) => c.commit.message)).toEqual(["one", "two"]);
    expect(f.problems("GET", `${PULL}/commits`, commits)).toEqual([]);
    expect((await f.call("GET", PULL, { params: { pull_number: "999" } })).status).toBe(404);
  });

  test("updates title, body, base and state", async () => {
    await f.commit("develop", { "d.txt": "d\n" });
    await f.commit("feat", { "f.txt": "f\n" });
    const pr = await open("feat");
    const updated = await f.call("PATCH", PULL, { caller: alice, params: n(pr), body: { title: "New", body: "text", base: "develop" } });
    expect(updated.body).toMatchObject({ title: "New", body: "text", base: { ref: "develop" } });
    expect(f.problems("PATCH", PULL, updated)).toEqual([]);
    expect((await f.call("PATCH", PULL, { caller: alice, params: n(pr), body: { base: "gone" } })).status).toBe(422);
    const closed = await f.call("PATCH", PULL, { caller: alice, params: n(pr), body: { state: "closed" } });
    expect(closed.body).toMatchObject({ state: "closed", mergeable: null });
    expect(closed.body.closed_at).not.toBeNull();
    expect((await f.call("PATCH", PULL, { caller: alice, params: n(pr), body: { state: "open" } })).body.state).toBe("open");
  });
});

describe("merging", () => {
  test("refuses a stale head sha with 409, then merges, closes and moves the base", async () => {
    const first = await f.commit("fix", { "src/app.ts": "export const port = 1;\n" });
    const pr = await open("fix");
    await f.commit("fix", { "src/app.ts": "export const port = 2;\n" });
    const stale = await f.call("PUT", MERGE, { caller: alice, params: n(pr), body: { sha: first } });
    expect(stale).toMatchObject({ status: 409, body: { message: "Head branch was modified. Review and try the merge again." } });
    expect((await f.call("GET", MERGE, { params: n(pr) })).status).toBe(404);

    await syncPullHeads(f.ctx, "acme", "shop");
    const head = (await f.call("GET", PULL, { params: n(pr) })).body.head.sha;
    const merged = await f.call("PUT", MERGE, { caller: alice, params: n(pr), body: { sha: head } });
    expect(merged.body).toMatchObject({ merged: true, message: "Pull Request successfully merged" });
    expect(f.problems("PUT", MERGE, merged)).toEqual([]);
    expect(await f.git.resolve("acme", "shop", "main")).toBe(merged.body.sha);
    const mergeCommit = (await f.git.getCommit("acme", "shop", merged.body.sha))!;
    expect(mergeCommit.parents).toHaveLength(2);
    expect(mergeCommit.message).toContain(`Merge pull request #${pr.body.number} from acme/fix`);

    const after = await f.call("GET", PULL, { params: n(pr) });
    expect(after.body).toMatchObject({ state: "closed", merged: true, merge_commit_sha: merged.body.sha, merged_by: { login: "alice" }, changed_files: 1 });
    expect(after.body.merged_at).not.toBeNull();
    expect(f.problems("GET", PULL, after)).toEqual([]);
    expect((await f.call("GET", MERGE, { params: n(pr) })).status).toBe(204);
    expect((await f.call("PUT", MERGE, { caller: alice, params: n(pr), body: {} })).status).toBe(405);
  });

  test("a conflicting pull request is not mergeable (405)", async () => {
    await f.commit("left", { "src/app.ts": "export const port = 1;\n" });
    await f.commit("right", { "src/app.ts": "export const port = 2;\n" });
    const left = await open("left");
    const right = await open("right");
    expect((await f.call("PUT", MERGE, { caller: alice, params: n(left), body: { merge_method: "squash" } })).status).toBe(200);
    const view = await f.call("GET", PULL, { params: n(right) });
    expect(view.body).toMatchObject({ mergeable: false, mergeable_state: "dirty" });
    expect(view.body.base.sha).toBe(await f.git.resolve("acme", "shop", "main"));
    const conflict = await f.call("PUT", MERGE, { caller: alice, params: n(right), body: {} });
    expect(conflict).toMatchObject({ status: 405, body: { message: "Pull Request is not mergeable" } });
    expect((await f.call("GET", PULL, { params: n(right) })).body.state).toBe("open");
  });

  test("squash leaves one commit on the base", async () => {
    const before = await f.git.resolve("acme", "shop", "main");
    await f.commit("sq", { "a.txt": "a\n" }, "a");
    await f.commit("sq", { "b.txt": "b\n" }, "b");
    const pr = await open("sq");
    const merged = await f.call("PUT", MERGE, { caller: alice, params: n(pr), body: { merge_method: "squash" } });
    const commit = (await f.git.getCommit("acme", "shop", merged.body.sha))!;
    expect(commit.parents).toEqual([before]);
    expect(commit.message).toContain(`Change sq (#${pr.body.number})`);
    expect((await f.git.readPath("acme", "shop", "main", "b.txt"))?.type).toBe("file");
  });
});

describe("reviews and review requests", () => {
  test("reviews record the head sha; authors cannot approve their own pull request", async () => {
    const head = await f.commit("fix", { "a.txt": "a\n" });
    const pr = await open("fix", alice);
    const own = await f.call("POST", REVIEWS, { caller: alice, params: n(pr), body: { event: "APPROVE" } });
    expect(own.status).toBe(422);
    expect(own.body.errors).toEqual(["Can not approve your own pull request"]);
    expect((await f.call("POST", REVIEWS, { caller: bob, params: n(pr), body: { event: "REQUEST_CHANGES" } })).status).toBe(422);

    const approve = await f.call("POST", REVIEWS, { caller: bob, params: n(pr), body: { event: "APPROVE", body: "LGTM" } });
    expect(approve.body).toMatchObject({ state: "APPROVED", commit_id: head, user: { login: "bob" }, body: "LGTM", author_association: "COLLABORATOR" });
    expect(f.problems("POST", REVIEWS, approve)).toEqual([]);
    const comment = await f.call("POST", REVIEWS, { caller: alice, params: n(pr), body: { event: "COMMENT", body: "note" } });
    expect(comment.body.state).toBe("COMMENTED");

    const list = await f.call("GET", REVIEWS, { params: n(pr) });
    expect(list.body.map((r: any) => r.state)).toEqual(["APPROVED", "COMMENTED"]);
    expect(f.problems("GET", REVIEWS, list)).toEqual([]);
    const one = await f.call("GET", `${REVIEWS}/{review_id}`, { params: { ...n(pr), review_id: String(approve.body.id) } });
    expect(one.body.id).toBe(approve.body.id);
    expect((await f.call("GET", `${REVIEWS}/{review_id}`, { params: { ...n(pr), review_id: "1" } })).status).toBe(404);
  });

  test("reviews may be requested from collaborators other than the author", async () => {
    await f.commit("fix", { "a.txt": "a\n" });
    const pr = await open("fix", carol);
    const outsider = await f.call("POST", REQUESTED, { caller: bot, params: n(pr), body: { reviewers: ["mallory"] } });
    expect(outsider.status).toBe(422);
    expect(outsider.body.message).toMatch(/^Reviews may only be requested from collaborators/);
    const author = await f.call("POST", REQUESTED, { caller: bot, params: n(pr), body: { reviewers: ["carol"] } });
    expect(author.body.message).toBe("Review cannot be requested from pull request author.");

    const added = await f.call("POST", REQUESTED, { caller: bot, params: n(pr), body: { reviewers: ["alice", "bob"], team_reviewers: ["sre"] } });
    expect(added.status).toBe(201);
    expect(f.problems("POST", REQUESTED, added)).toEqual([]);
    expect(added.body.requested_reviewers.map((u: any) => u.login)).toEqual(["alice", "bob"]);
    const listed = await f.call("GET", REQUESTED, { params: n(pr) });
    expect(listed.body.teams.map((t: any) => t.slug)).toEqual(["sre"]);
    expect(f.problems("GET", REQUESTED, listed)).toEqual([]);

    await f.call("POST", REVIEWS, { caller: bob, params: n(pr), body: { event: "APPROVE" } });
    const removed = await f.call("DELETE", REQUESTED, { caller: bot, params: n(pr), body: { reviewers: ["alice"], team_reviewers: ["sre"] } });
    expect(removed.body.requested_reviewers).toEqual([]);
    expect(removed.body.requested_teams).toEqual([]);
    const full = await f.call("GET", PULL, { params: n(pr) });
    expect(f.problems("GET", PULL, full)).toEqual([]);
  });
});

describe("syncPullHeads", () => {
  test("refreshes open pull requests from their branches and reports those that moved", async () => {
    await f.commit("a", { "a.txt": "1\n" });
    await f.commit("b", { "b.txt": "1\n" });
    const a = await open("a");
    await open("b");
    expect(await syncPullHeads(f.ctx, "acme", "shop")).toEqual([]);
    const pushed = await f.commit("a", { "a.txt": "2\n" });
    const changed = await syncPullHeads(f.ctx, "acme", "shop");
    expect(changed.map((i) => [i.number, i.pull?.headSha])).toEqual([[a.body.number, pushed]]);
    expect(await syncPullHeads(f.ctx, "acme", "shop")).toEqual([]);
    expect(await syncPullHeads(f.ctx, "acme", "missing")).toEqual([]);
  });
});
