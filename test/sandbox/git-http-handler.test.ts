import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { BareGitStore } from "../../src/sandbox/git/bare-git-store.js";
import { createGitHttpHandler, parseAuthorization } from "../../src/sandbox/git/git-http-handler.js";

const exec = promisify(execFile);

let root: string;
let store: BareGitStore;
let server: Server;
let base: string;
let gitEnv: NodeJS.ProcessEnv;
const pushes: string[] = [];
let work = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "git-http-handler-"));
  gitEnv = {
    PATH: process.env["PATH"],
    HOME: root,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    GIT_AUTHOR_NAME: "Dev",
    GIT_AUTHOR_EMAIL: "dev@example.invalid",
    GIT_COMMITTER_NAME: "Dev",
    GIT_COMMITTER_EMAIL: "dev@example.invalid",
  };
  store = new BareGitStore(join(root, "repos"));
  await store.createRepo("acme", "shop", "main");
  await store.commitFiles("acme", "shop", "main", {
    message: "initial",
    files: { "README.md": "# shop\n", "deploy/app.yaml": "replicas: 2\n" },
  });
  const handler = createGitHttpHandler({
    git: store,
    // GOOD may read and write; READONLY may only read.
    authorize: (_owner, _repo, credentials, service) =>
      credentials?.username === "x-access-token" &&
      (credentials.password === "GOOD" || (credentials.password === "READONLY" && service === "upload-pack")),
    onPush: (owner, repo) => pushes.push(`${owner}/${repo}`),
  });
  server = createServer((req, res) => {
    handler(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end("not a git url");
    }, (error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

const git = (args: string[], cwd = root) => exec("git", args, { cwd, env: gitEnv });
const url = (token: string | null, path = "acme/shop.git") =>
  `http://${token === null ? "" : `x-access-token:${token}@`}${base}/${path}`;
const newDir = () => join(root, `work${++work}`);

describe("clone", () => {
  test("clones with a valid installation token, also blobless", async () => {
    const full = newDir();
    await git(["clone", "--quiet", url("GOOD"), full]);
    expect(await readFile(join(full, "deploy/app.yaml"), "utf8")).toBe("replicas: 2\n");

    const blobless = newDir();
    await git(["clone", "--quiet", "--filter=blob:none", url("READONLY"), blobless]);
    // The filter is only recorded when the server accepted it.
    const { stdout } = await git(["config", "remote.origin.partialclonefilter"], blobless);
    expect(stdout.trim()).toBe("blob:none");
    expect(await readFile(join(blobless, "README.md"), "utf8")).toBe("# shop\n");
  });

  test("accepts the URL without the .git suffix", async () => {
    const dir = newDir();
    await git(["clone", "--quiet", url("GOOD", "acme/shop"), dir]);
    expect(await readFile(join(dir, "README.md"), "utf8")).toBe("# shop\n");
  });

  test("fails with a wrong token or none, and for an unknown repository", async () => {
    await expect(git(["clone", "--quiet", url("WRONG"), newDir()])).rejects.toThrow(/Authentication failed/);
    await expect(git(["clone", "--quiet", url(null), newDir()])).rejects.toThrow(/could not read Username|Authentication failed/);
    await expect(git(["clone", "--quiet", url("GOOD", "acme/ghost.git"), newDir()])).rejects.toThrow(/not found/);
  });
});

describe("push", () => {
  test("pushes a new branch with a valid token and the store sees it", async () => {
    const dir = newDir();
    await git(["clone", "--quiet", url("GOOD"), dir]);
    await git(["checkout", "--quiet", "-b", "fix/scale"], dir);
    await git(["commit", "--quiet", "--allow-empty", "-m", "scale up"], dir);
    await git(["push", "--quiet", "origin", "fix/scale"], dir);
    const { stdout } = await git(["rev-parse", "HEAD"], dir);
    expect(await store.resolve("acme", "shop", "fix/scale")).toBe(stdout.trim());
    expect(pushes).toContain("acme/shop");
  });

  test("refuses a push when the token may only read", async () => {
    const dir = newDir();
    await git(["clone", "--quiet", url("READONLY"), dir]);
    await git(["commit", "--quiet", "--allow-empty", "-m", "sneaky"], dir);
    await expect(git(["push", "--quiet", "origin", "HEAD:refs/heads/sneaky"], dir)).rejects.toThrow(/403/);
    expect(await store.resolve("acme", "shop", "sneaky")).toBeNull();
  });
});

describe("http", () => {
  test("asks for Basic credentials and leaves other URLs to the caller", async () => {
    const refs = await fetch(`http://${base}/acme/shop.git/info/refs?service=git-upload-pack`);
    expect(refs.status).toBe(401);
    expect(refs.headers.get("www-authenticate")).toBe('Basic realm="GitHub"');

    const authorized = await fetch(`http://${base}/acme/shop.git/info/refs?service=git-upload-pack`, {
      headers: { authorization: `Basic ${Buffer.from("x-access-token:GOOD").toString("base64")}` },
    });
    expect(authorized.status).toBe(200);
    expect(authorized.headers.get("content-type")).toBe("application/x-git-upload-pack-advertisement");
    expect(await authorized.text()).toContain("refs/heads/main");

    const other = await fetch(`http://${base}/repos/acme/shop`);
    expect([other.status, await other.text()]).toEqual([404, "not a git url"]);
  });

  test("inflates gzip request bodies, as git sends them for large negotiations", async () => {
    const sha = (await store.resolve("acme", "shop", "main")) ?? "";
    const body = gzipSync(`0032want ${sha}\n00000009done\n`);
    const res = await fetch(`http://${base}/acme/shop.git/git-upload-pack`, {
      method: "POST",
      body,
      headers: {
        authorization: `Basic ${Buffer.from("x-access-token:GOOD").toString("base64")}`,
        "content-type": "application/x-git-upload-pack-request",
        "content-encoding": "gzip",
      },
    });
    const pack = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(pack.subarray(0, 8).toString()).toBe("0008NAK\n");
    expect(pack.subarray(8, 12).toString()).toBe("PACK");
  });

  test("parses Basic and bearer authorization headers", () => {
    const basic = `Basic ${Buffer.from("x-access-token:t:with:colons").toString("base64")}`;
    expect(parseAuthorization(basic)).toEqual({ username: "x-access-token", password: "t:with:colons" });
    expect(parseAuthorization("token abc")).toEqual({ username: "x-access-token", password: "abc" });
    expect(parseAuthorization("Digest xyz")).toBeNull();
    expect(parseAuthorization(undefined)).toBeNull();
  });
});
