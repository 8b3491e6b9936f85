import { afterAll, afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GitWorkspaceSession } from "../../src/adapters/git/git-workspace-session.js";
import { SimpleGitWorkspace } from "../../src/adapters/git/simple-git-workspace.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import { BareGitStore } from "../../src/sandbox/git/bare-git-store.js";
import { createGitHttpHandler } from "../../src/sandbox/git/git-http-handler.js";

const OWNER = "acme";
const BOT = { name: "AgenticOps", email: "bot@agenticops.invalid" };
let root: string;
let tmpRoot: string;
let store: BareGitStore;
let server: Server;
let host: string;
let workspace: SimpleGitWorkspace;
let repos = 0;
const sessions: GitWorkspaceSession[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "simple-git-workspace-"));
  tmpRoot = join(root, "ws");
  await mkdir(tmpRoot);
  store = new BareGitStore(join(root, "repos"));
  const handler = createGitHttpHandler({
    git: store,
    // Repository "locked" may be read but not pushed to, to provoke a push failure.
    authorize: (_owner, repo, credentials, service) =>
      credentials?.password === "tok" && !(repo === "locked" && service === "receive-pack"),
  });
  server = createServer((req, res) => {
    handler(req, res).then((handled) => handled || res.writeHead(404).end(), () => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  workspace = new SimpleGitWorkspace({ tmpRoot, timeoutMs: 10_000 });
});

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

const gitIn = (dir: string, args: string[], input?: string) =>
  execFileSync("git", args, { cwd: dir, input, env: { PATH: process.env["PATH"], HOME: root, GIT_CONFIG_NOSYSTEM: "1" } }).toString();

async function repo(files: Record<string, string>, name = `r${++repos}`) {
  await store.createRepo(OWNER, name, "main");
  const base = await store.commitFiles(OWNER, name, "main", { message: "initial", files });
  const change = (changed: Record<string, string | null>, branch = "main") =>
    store.commitFiles(OWNER, name, branch, { message: `change ${Object.keys(changed).join(",")}`, files: changed });
  return { name, base, change, url: `http://${host}/${OWNER}/${name}.git` };
}

async function open(r: { url: string; base: string }, token = "tok") {
  const session = await workspace.open({ cloneUrl: r.url, token, baseBranch: "main", since: r.base });
  sessions.push(session);
  return session;
}

const treeOf = async (name: string, sha: string) => (await store.getCommit(OWNER, name, sha))?.tree;
const headTree = (s: GitWorkspaceSession) => gitIn(s.dir, ["rev-parse", "HEAD^{tree}"]).trim();

describe("revert", () => {
  test("one commit: committed once with the exact message, trailers and identity, pushed as a new branch", async () => {
    const r = await repo({ "deploy/app.yaml": "image: api:1.0\n", "README.md": "# shop\n" });
    const bad = await r.change({ "deploy/app.yaml": "image: api:1.1\n" });
    const s = await open(r);
    expect(await s.head()).toBe(bad);
    expect(await s.revert([{ sha: bad, parents: 1 }])).toEqual({ kind: "reverted", reverted: [bad] });

    const message = "Roll back api to 1.0\n\n#42 broke the health check.\n\nAgenticops-Incident: inc-2f9c1d\nAgenticops-Action: revert-commits\n";
    const sha = await s.commit(message, BOT);
    expect(await s.head()).toBe(sha);
    const raw = gitIn(s.dir, ["cat-file", "commit", sha]);
    expect(raw.slice(raw.indexOf("\n\n") + 2)).toBe(message);
    expect(gitIn(s.dir, ["interpret-trailers", "--parse"], message)).toBe(
      "Agenticops-Incident: inc-2f9c1d\nAgenticops-Action: revert-commits\n",
    );

    expect(await s.pushNewBranch("agenticops/inc-2f9c1d")).toBe("created");
    expect(await store.resolve(OWNER, r.name, "agenticops/inc-2f9c1d")).toBe(sha);
    const pushed = await store.getCommit(OWNER, r.name, sha);
    expect(pushed).toMatchObject({ parents: [bad], tree: await treeOf(r.name, r.base), author: BOT, committer: BOT });
  });

  test("two commits newest first into ONE commit whose tree is the tree before them", async () => {
    const r = await repo({ "a.txt": "a1\n" });
    const first = await r.change({ "a.txt": "a2\n", "b.txt": "b\n" });
    const second = await r.change({ "a.txt": "a3\n", "c.txt": "c\n" });
    const s = await open(r);
    const targets = [{ sha: second, parents: 1 }, { sha: first, parents: 1 }];
    expect(await s.revert(targets)).toEqual({ kind: "reverted", reverted: [second, first] });
    const sha = await s.commit("Revert two", BOT);
    expect(gitIn(s.dir, ["rev-list", "--parents", "-1", sha]).trim()).toBe(`${sha} ${second}`);
    expect(headTree(s)).toBe(await treeOf(r.name, r.base));
  });

  test("a merge commit against its first parent (-m 1)", async () => {
    const r = await repo({ "app.txt": "v1\n" });
    await r.change({ "feature.txt": "new\n" }, "feature");
    const before = await r.change({ "other.txt": "x\n" });
    const merged = await store.merge(OWNER, r.name, "main", "feature", "merge", "Merge feature", BOT);
    if (!merged.ok) throw new Error("merge failed");
    const s = await open(r);
    expect(await s.revert([{ sha: merged.sha, parents: 2 }])).toEqual({ kind: "reverted", reverted: [merged.sha] });
    await s.commit("Revert the merge", BOT);
    expect(headTree(s)).toBe(await treeOf(r.name, before));
  });

  test("a conflict names the commit and files and leaves the work tree clean", async () => {
    const r = await repo({ "app.yaml": "replicas: 2\nimage: api:1.0\n" });
    const bad = await r.change({ "app.yaml": "replicas: 2\nimage: api:1.1\n" });
    await r.change({ "app.yaml": "replicas: 2\nimage: api:1.2\n" });
    const unrelated = await r.change({ "notes.txt": "n\n" });
    const s = await open(r);
    const outcome = await s.revert([{ sha: unrelated, parents: 1 }, { sha: bad, parents: 1 }]);
    expect(outcome).toEqual({ kind: "conflict", commit: bad, files: ["app.yaml"] });
    expect(gitIn(s.dir, ["status", "--porcelain"])).toBe("");
    expect(await s.head()).toBe(unrelated);
    expect(await readFile(join(s.dir, "notes.txt"), "utf8")).toBe("n\n");
  });

  test("reverting a change already undone on the base is empty", async () => {
    const r = await repo({ "a.txt": "1\n" });
    const bad = await r.change({ "a.txt": "2\n" });
    await r.change({ "a.txt": "1\n" });
    const s = await open(r);
    expect(await s.revert([{ sha: bad, parents: 1 }])).toEqual({ kind: "empty", reverted: [bad] });
    expect(gitIn(s.dir, ["status", "--porcelain"])).toBe("");
  });

  test("an unknown commit is GIT_FAILED, not a conflict", async () => {
    const r = await repo({ "a.txt": "1\n" });
    const s = await open(r);
    const error = await s.revert([{ sha: "0123456789abcdef0123456789abcdef01234567", parents: 1 }]).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "GIT_FAILED")).toBe(true);
  });
});

describe("pushNewBranch", () => {
  async function reverted(r: Awaited<ReturnType<typeof repo>>, bad: string, message: string) {
    const s = await open(r);
    await s.revert([{ sha: bad, parents: 1 }]);
    await s.commit(message, BOT);
    return s;
  }

  test("a second session pushing the same branch gets exists; the first push stays", async () => {
    const r = await repo({ "a.txt": "1\n" });
    const bad = await r.change({ "a.txt": "2\n" });
    const a = await reverted(r, bad, "Revert A");
    expect(await a.pushNewBranch("agenticops/x")).toBe("created");
    const b = await reverted(r, bad, "Revert B");
    expect(await b.pushNewBranch("agenticops/x")).toBe("exists");
    expect(await store.resolve(OWNER, r.name, "agenticops/x")).toBe(await a.head());

    // A branch already at HEAD is "up to date" for git: still not created by us.
    expect(await store.updateRef(OWNER, r.name, "refs/heads/agenticops/same", bad, { create: true })).toBe("ok");
    expect(await (await open(r)).pushNewBranch("agenticops/same")).toBe("exists");
  });

  test("of three concurrent pushes exactly one creates the branch", async () => {
    const r = await repo({ "a.txt": "1\n" });
    const bad = await r.change({ "a.txt": "2\n" });
    const three = await Promise.all(["one", "two", "three"].map((m) => reverted(r, bad, `Revert ${m}`)));
    const results = await Promise.all(three.map((s) => s.pushNewBranch("agenticops/race")));
    expect([...results].sort()).toEqual(["created", "exists", "exists"]);
    const winner = three[results.indexOf("created")]!;
    expect(await store.resolve(OWNER, r.name, "agenticops/race")).toBe(await winner.head());
  });

  test("a refused push is GIT_FAILED", async () => {
    const r = await repo({ "a.txt": "1\n" }, "locked");
    const bad = await r.change({ "a.txt": "2\n" });
    const s = await reverted(r, bad, "Revert");
    const error = await s.pushNewBranch("agenticops/locked").catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "GIT_FAILED")).toBe(true);
    expect((error as Error).message).toMatch(/403|denied/);
    expect(await store.resolve(OWNER, r.name, "agenticops/locked")).toBeNull();
  });
});

describe("credentials and isolation", () => {
  test("the token is in no file of the clone and the remote URL has no credentials; close removes it", async () => {
    const r = await repo({ "a.txt": "1\n" });
    const s = await open(r);
    expect(gitIn(s.dir, ["remote", "get-url", "origin"]).trim()).toBe(r.url);
    expect(gitIn(s.dir, ["config", "remote.origin.partialclonefilter"]).trim()).toBe("blob:none");
    expect(gitIn(s.dir, ["config", "core.hooksPath"]).trim()).toBe("/dev/null");
    const basic = Buffer.from("x-access-token:tok").toString("base64");
    const files = (await readdir(join(s.dir, ".git"), { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && !join(e.parentPath, e.name).includes(`${join(".git", "objects")}`));
    expect(files.map((e) => e.name)).toContain("config");
    for (const file of files) {
      const text = await readFile(join(file.parentPath, file.name), "utf8");
      expect(text).not.toMatch(/\btok\b/);
      expect(text).not.toContain(basic);
    }
    await s.close();
    expect(existsSync(s.dir)).toBe(false);
  });

  test("a wrong token is GIT_FAILED without the token anywhere in the error, and leaves no temp dir", async () => {
    const r = await repo({ "a.txt": "1\n" });
    const wrong = "wrong-s3cret-value";
    const error = await open(r, wrong).catch((e: unknown) => e);
    if (!isAgenticOpsError(error, "GIT_FAILED")) throw new Error(`expected GIT_FAILED, got ${String(error)}`);
    const cause = error.cause as Error;
    for (const text of [error.message, JSON.stringify(error.details), cause.message, cause.stack ?? ""]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(Buffer.from(`x-access-token:${wrong}`).toString("base64"));
    }
    expect(await readdir(tmpRoot)).toEqual([]);
  });

  test("a server that never answers is killed after timeoutMs", async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/acme/shop.git`;
    const quick = new SimpleGitWorkspace({ tmpRoot, timeoutMs: 300 });
    const error = await quick.open({ cloneUrl: url, token: "tok", baseBranch: "main", since: "abcd" }).catch((e: unknown) => e);
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    expect(isAgenticOpsError(error, "GIT_FAILED")).toBe(true);
    expect((error as Error).message).toMatch(/no output for 300 ms/);
    expect(await readdir(tmpRoot)).toEqual([]);
  });

  test("a clone URL with credentials is refused", async () => {
    const r = await repo({ "a.txt": "1\n" });
    const url = r.url.replace("http://", "http://x-access-token:tok@");
    await expect(workspace.open({ cloneUrl: url, token: "tok", baseBranch: "main", since: r.base })).rejects.toMatchObject({
      code: "GIT_FAILED",
      message: expect.not.stringContaining("tok@"),
    });
  });
});
