import { afterAll, beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BareGitStore } from "../../src/sandbox/git/bare-git-store.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";

const alice = { name: "Alice", email: "alice@example.invalid" };
const at = (minute: number) => ({ ...alice, date: `2024-05-01T12:${String(minute).padStart(2, "0")}:00Z` });

let root: string;
let store: BareGitStore;
let repoCount = 0;
let repo: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "bare-git-store-"));
  process.env["GIT_CONFIG_NOSYSTEM"] = "1";
  process.env["HOME"] = root;
  store = new BareGitStore(root);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  repo = `shop${++repoCount}`;
  await store.createRepo("acme", repo, "main");
});

const commit = (branch: string, files: Record<string, string | null>, minute: number, message = `change ${minute}`) =>
  store.commitFiles("acme", repo, branch, { message, author: at(minute), files });

describe("commits and reading", () => {
  test("commits files without a work tree and reads them back", async () => {
    const first = await commit("main", { "README.md": "hello\n", "src/app.ts": "export {};\n" }, 0, "initial");
    expect(await store.resolve("acme", repo, "main")).toBe(first);
    expect(await store.resolve("acme", repo, "refs/heads/main")).toBe(first);
    expect(await store.resolve("acme", repo, first.slice(0, 7))).toBe(first);
    expect(await store.resolve("acme", repo, "nope")).toBeNull();

    const info = await store.getCommit("acme", repo, first);
    expect(info).toMatchObject({ sha: first, parents: [], message: "initial", author: at(0), committer: at(0) });

    const file = await store.readPath("acme", repo, "main", "/src/app.ts");
    expect(file?.type).toBe("file");
    expect(file?.content?.toString()).toBe("export {};\n");
    const dir = await store.readPath("acme", repo, "main", "src");
    expect(dir?.entries?.map((e) => e.path)).toEqual(["src/app.ts"]);
    expect((await store.readPath("acme", repo, "main", ""))?.entries?.map((e) => `${e.path}:${e.type}`))
      .toEqual(["README.md:blob", "src:tree"]);
    expect(await store.readPath("acme", repo, "main", "missing.txt")).toBeNull();
  });

  test("deletes and modifies files and reports GitHub-style file changes", async () => {
    await commit("main", { "a.txt": "one\ntwo\nthree\n", "b.txt": "bye\n" }, 0);
    const second = await commit("main", { "a.txt": "one\n2\nthree\n", "b.txt": null, "c.txt": "new\n" }, 1);
    expect(await store.readPath("acme", repo, "main", "b.txt")).toBeNull();

    const files = await store.commitFilesChanged("acme", repo, second);
    const byName = Object.fromEntries(files.map((f) => [f.filename, f]));
    expect(byName["a.txt"]).toMatchObject({ status: "modified", additions: 1, deletions: 1, changes: 2 });
    expect(byName["a.txt"]?.patch).toBe("@@ -1,3 +1,3 @@\n one\n-two\n+2\n three");
    expect(byName["b.txt"]).toMatchObject({ status: "removed", additions: 0, deletions: 1 });
    expect(byName["c.txt"]).toMatchObject({ status: "added", additions: 1, patch: "@@ -0,0 +1 @@\n+new" });
    const blob = await store.getBlob("acme", repo, byName["c.txt"]?.sha ?? "");
    expect(blob?.toString()).toBe("new\n");
  });

  test("detects renames", async () => {
    await commit("main", { "old-name.txt": "same content\nacross lines\n" }, 0);
    const sha = await commit("main", { "old-name.txt": null, "new-name.txt": "same content\nacross lines\n" }, 1);
    expect(await store.commitFilesChanged("acme", repo, sha)).toEqual([
      expect.objectContaining({ filename: "new-name.txt", previous_filename: "old-name.txt", status: "renamed", changes: 0 }),
    ]);
  });

  test("a missing branch starts from the default branch", async () => {
    const base = await commit("main", { "a.txt": "a\n" }, 0);
    const feature = await commit("feature", { "b.txt": "b\n" }, 1);
    expect((await store.getCommit("acme", repo, feature))?.parents).toEqual([base]);
    expect((await store.readPath("acme", repo, "feature", "a.txt"))?.content?.toString()).toBe("a\n");
  });

  test("lists commits newest first with a path filter and pagination", async () => {
    for (let i = 0; i < 5; i++) await commit("main", { [i % 2 === 0 ? "even.txt" : "odd.txt"]: `${i}\n` }, i, `c${i}`);
    const messages = async (opts: Parameters<BareGitStore["listCommits"]>[2]) =>
      (await store.listCommits("acme", repo, opts)).map((c) => c.message);
    expect(await messages({})).toEqual(["c4", "c3", "c2", "c1", "c0"]);
    expect(await messages({ path: "odd.txt" })).toEqual(["c3", "c1"]);
    expect(await messages({ perPage: 2, page: 2 })).toEqual(["c2", "c1"]);
    expect(await messages({ perPage: 2, page: 4 })).toEqual([]);
    expect(await messages({ sha: "unknown-branch" })).toEqual([]);
  });

  test("compares like GitHub: merge base, ahead/behind, oldest-first commits, patches", async () => {
    const base = await commit("main", { "app.txt": "v1\n" }, 0);
    await commit("feature", { "app.txt": "v2\n" }, 1, "bump");
    await commit("feature", { "notes.txt": "n\n" }, 2, "notes");
    const ahead = await store.compare("acme", repo, "main", "feature");
    expect(ahead).toMatchObject({ status: "ahead", aheadBy: 2, behindBy: 0, mergeBase: base });
    expect(ahead?.commits.map((c) => c.message)).toEqual(["bump", "notes"]);
    expect(ahead?.files.find((f) => f.filename === "app.txt")?.patch).toBe("@@ -1 +1 @@\n-v1\n+v2");

    await commit("main", { "other.txt": "o\n" }, 3);
    expect(await store.compare("acme", repo, "main", "feature")).toMatchObject({ status: "diverged", aheadBy: 2, behindBy: 1 });
    expect(await store.compare("acme", repo, "feature", "main")).toMatchObject({ status: "diverged", aheadBy: 1, behindBy: 2 });
    expect((await store.compare("acme", repo, "main", "main"))?.status).toBe("identical");
    expect(await store.compare("acme", repo, "main", "nope")).toBeNull();
  });
});

describe("refs", () => {
  test("creates refs atomically and refuses non-fast-forward updates", async () => {
    const a = await commit("main", { "f.txt": "1\n" }, 0);
    const b = await commit("main", { "f.txt": "2\n" }, 1);
    const results = await Promise.all([
      store.updateRef("acme", repo, "refs/heads/x", a, { create: true }),
      store.updateRef("acme", repo, "refs/heads/x", a, { create: true }),
    ]);
    expect(results.sort()).toEqual(["exists", "ok"]);
    expect(await store.updateRef("acme", repo, "refs/heads/x", b, { create: true })).toBe("exists");

    expect(await store.updateRef("acme", repo, "heads/x", b, {})).toBe("ok");
    expect(await store.updateRef("acme", repo, "refs/heads/x", a, {})).toBe("not-fast-forward");
    expect(await store.resolve("acme", repo, "x")).toBe(b);
    expect(await store.updateRef("acme", repo, "refs/heads/x", a, { force: true })).toBe("ok");
    expect(await store.updateRef("acme", repo, "refs/heads/missing", a, {})).toBe("not-found");
    expect(await store.updateRef("acme", repo, "refs/heads/y", "f".repeat(40), { create: true })).toBe("not-found");

    expect(await store.listRefs("acme", repo, "refs/heads/")).toEqual([
      { ref: "refs/heads/main", sha: b },
      { ref: "refs/heads/x", sha: a },
    ]);
    expect(await store.deleteRef("acme", repo, "refs/heads/x")).toBe("ok");
    expect(await store.deleteRef("acme", repo, "refs/heads/x")).toBe("not-found");
    await expect(store.updateRef("acme", repo, "refs/heads/bad..name", a, { create: true })).rejects.toThrow(/invalid ref/);
  });

  test("unknown repositories are a typed NOT_FOUND error", async () => {
    const error = await store.resolve("acme", "ghost", "main").catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "NOT_FOUND")).toBe(true);
    expect(() => store.repoPath("acme", "..")).toThrow(/invalid repository name/);
  });
});

describe("git data plumbing", () => {
  test("blobs, trees and commits compose like GitHub's git data API", async () => {
    const base = await commit("main", { "keep.txt": "k\n", "old/gone.txt": "g\n" }, 0);
    const baseTree = (await store.getCommit("acme", repo, base))?.tree ?? "";
    const blob = await store.createBlob("acme", repo, Buffer.from([0, 1, 2, 255]));
    expect(await store.getBlob("acme", repo, blob)).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(await store.getBlob("acme", repo, baseTree)).toBeNull();

    const tree = await store.createTree("acme", repo, baseTree, [
      { path: "bin/data.bin", mode: "100644", type: "blob", sha: blob },
      { path: "run.sh", mode: "100755", type: "blob", content: "#!/bin/sh\n" },
      { path: "old", mode: "040000", type: "tree", sha: null },
    ]);
    const listed = await store.getTree("acme", repo, tree, true);
    expect(listed?.map((e) => `${e.mode} ${e.type} ${e.path}`)).toEqual([
      "040000 tree bin",
      "100644 blob bin/data.bin",
      "100644 blob keep.txt",
      "100755 blob run.sh",
    ]);
    expect(listed?.find((e) => e.path === "bin/data.bin")?.size).toBe(4);
    expect((await store.getTree("acme", repo, tree, false))?.map((e) => e.path)).toEqual(["bin", "keep.txt", "run.sh"]);

    const sha = await store.createCommit("acme", repo, { message: "via api", tree, parents: [base], author: at(5) });
    expect(await store.getCommit("acme", repo, sha)).toMatchObject({ tree, parents: [base], message: "via api", committer: at(5) });
    expect(await store.updateRef("acme", repo, "refs/heads/main", sha, {})).toBe("ok");
    const files = await store.commitFilesChanged("acme", repo, sha);
    expect(files.map((f) => `${f.status} ${f.filename}`).sort()).toEqual([
      "added bin/data.bin", "added run.sh", "removed old/gone.txt",
    ]);
    expect(files.find((f) => f.filename === "bin/data.bin")?.patch).toBeUndefined();
  });
});

describe("merge button", () => {
  const bot = { name: "Merger", email: "merger@example.invalid", date: "2024-05-02T00:00:00Z" };

  async function diverged(): Promise<{ base: string; head: string }> {
    await commit("main", { "a.txt": "a\n", "b.txt": "b\n" }, 0);
    await commit("feature", { "a.txt": "A\n" }, 1, "feature one");
    const head = await commit("feature", { "c.txt": "c\n" }, 2, "feature two");
    const base = await commit("main", { "b.txt": "B\n" }, 3, "main moves");
    return { base, head };
  }
  const read = async (path: string) => (await store.readPath("acme", repo, "main", path))?.content?.toString();

  test("merge creates a two-parent commit with both sides", async () => {
    const { base, head } = await diverged();
    const result = await store.merge("acme", repo, "main", "feature", "merge", "Merge pull request #1", bot);
    if (!result.ok) throw new Error("merge failed");
    expect(await store.getCommit("acme", repo, result.sha)).toMatchObject({ parents: [base, head], message: "Merge pull request #1", committer: bot });
    expect(await store.resolve("acme", repo, "main")).toBe(result.sha);
    expect([await read("a.txt"), await read("b.txt"), await read("c.txt")]).toEqual(["A\n", "B\n", "c\n"]);
  });

  test("squash creates one single-parent commit with the merged tree", async () => {
    const { base } = await diverged();
    const result = await store.merge("acme", repo, "main", "feature", "squash", "Feature (#1)", bot);
    if (!result.ok) throw new Error("squash failed");
    expect((await store.getCommit("acme", repo, result.sha))?.parents).toEqual([base]);
    expect([await read("a.txt"), await read("b.txt"), await read("c.txt")]).toEqual(["A\n", "B\n", "c\n"]);
  });

  test("rebase fast-forwards when possible and replays commits otherwise", async () => {
    await commit("main", { "a.txt": "a\n" }, 0);
    const ff = await commit("ff", { "a.txt": "ff\n" }, 1);
    expect(await store.merge("acme", repo, "main", "ff", "rebase", "", bot)).toEqual({ ok: true, sha: ff });

    const { base } = await diverged();
    const result = await store.merge("acme", repo, "main", "feature", "rebase", "", bot);
    if (!result.ok) throw new Error("rebase failed");
    const log = await store.listCommits("acme", repo, { perPage: 3 });
    expect(log.map((c) => c.message)).toEqual(["feature two", "feature one", "main moves"]);
    expect(log[1]?.parents).toEqual([base]);
    expect(log[0]).toMatchObject({ author: at(2), committer: bot });
    expect([await read("a.txt"), await read("b.txt"), await read("c.txt")]).toEqual(["A\n", "B\n", "c\n"]);
  });

  test("conflicting changes leave the base untouched", async () => {
    await commit("main", { "a.txt": "a\n" }, 0);
    await commit("feature", { "a.txt": "feature\n" }, 1);
    const base = await commit("main", { "a.txt": "main\n" }, 2);
    for (const method of ["merge", "squash", "rebase"] as const) {
      expect(await store.merge("acme", repo, "main", "feature", method, "m", bot)).toEqual({ ok: false, reason: "conflict" });
    }
    expect(await store.resolve("acme", repo, "main")).toBe(base);
    expect(await store.merge("acme", repo, "main", "nope", "merge", "m", bot)).toEqual({ ok: false, reason: "not-found" });
  });
});
