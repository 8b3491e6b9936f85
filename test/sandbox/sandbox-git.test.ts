import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createTestRepo,
  installationOctokit,
  installationToken,
  registerTestApp,
  startTestSandbox,
  type TestSandbox,
} from "./support/start-test-sandbox.js";

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe("git over HTTP against the assembled sandbox", () => {
  let t: TestSandbox;
  let token: string;
  let home: string;
  let dirs = 0;

  /** A real git client, isolated from the machine's config and never prompting for credentials. */
  const git = (cwd: string, ...args: string[]): Promise<GitResult> =>
    new Promise((resolve) => {
      const env = {
        PATH: process.env["PATH"] ?? "/usr/bin:/bin",
        HOME: home,
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_TERMINAL_PROMPT: "0",
        GIT_AUTHOR_NAME: "Dana Dev",
        GIT_AUTHOR_EMAIL: "dana@example.invalid",
        GIT_COMMITTER_NAME: "Dana Dev",
        GIT_COMMITTER_EMAIL: "dana@example.invalid",
      };
      execFile("git", args, { cwd, env }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      });
    });
  const ok = async (cwd: string, ...args: string[]): Promise<string> => {
    const result = await git(cwd, ...args);
    if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed (${result.code}): ${result.stderr}`);
    return result.stdout.trim();
  };
  const remote = (secret: string, owner = t.owner, repo = t.repo) =>
    `${t.sandbox.origin.replace("://", `://x-access-token:${secret}@`)}/${owner}/${repo}.git`;
  const freshDir = () => join(home, `work-${++dirs}`);
  /** Commits one file change in a clone and returns the new HEAD. */
  const commitIn = async (dir: string, file: string, content: string, message: string) => {
    await writeFile(join(dir, file), content);
    await ok(dir, "add", file);
    await ok(dir, "commit", "-q", "-m", message);
    return ok(dir, "rev-parse", "HEAD");
  };

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "sandbox-git-e2e-"));
    t = await startTestSandbox();
    token = await installationToken(t.octokit);
  });
  afterAll(async () => {
    await t.close();
    await rm(home, { recursive: true, force: true });
  });

  test("clones with the app's installation token", async () => {
    const dir = freshDir();
    await ok(home, "clone", "-q", remote(token), dir);
    expect(await ok(dir, "rev-parse", "HEAD")).toBe(t.commits.at(-1));
    expect(await readFile(join(dir, "deploy/app.yaml"), "utf8")).toBe("image: shop:1.1.0\n");
    expect(await ok(dir, "rev-list", "--count", "HEAD")).toBe("2");
  });

  test("a blobless clone works and fetches blobs on demand", async () => {
    const dir = freshDir();
    await ok(home, "clone", "-q", "--filter=blob:none", remote(token), dir);
    expect(await ok(dir, "config", "remote.origin.promisor")).toBe("true");
    expect(await readFile(join(dir, "README.md"), "utf8")).toBe("# shop\n");
    // the first commit's blob was never checked out, so showing it is a lazy fetch
    expect(await ok(dir, "show", `${t.commits[0]}:deploy/app.yaml`)).toBe("image: shop:1.0.0");
  });

  test("a pushed branch is visible to the REST API, and pushing to a PR's head moves the PR", async () => {
    const dir = freshDir();
    await ok(home, "clone", "-q", remote(token), dir);
    await ok(dir, "checkout", "-q", "-b", "fix/rollback");
    const first = await commitIn(dir, "deploy/app.yaml", "image: shop:1.0.0\n", "roll back image");
    await ok(dir, "push", "-q", "origin", "fix/rollback");

    const branch = await t.octokit.rest.repos.getBranch({ owner: t.owner, repo: t.repo, branch: "fix/rollback" });
    expect(branch.data.commit.sha).toBe(first);

    const pr = await t.octokit.rest.pulls.create({ owner: t.owner, repo: t.repo, title: "Roll back", head: "fix/rollback", base: "main" });
    expect(pr.data.head.sha).toBe(first);
    const second = await commitIn(dir, "NOTES.md", "why\n", "explain the rollback");
    await ok(dir, "push", "-q", "origin", "fix/rollback");

    const fetched = await t.octokit.rest.pulls.get({ owner: t.owner, repo: t.repo, pull_number: pr.data.number });
    expect(fetched.data.head.sha).toBe(second);
    expect(fetched.data.commits).toBe(2);
  });

  test("a wrong token cannot clone", async () => {
    const result = await git(home, "clone", "-q", remote("ghs_notARealTokenAtAll000000000000000000"), freshDir());
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Authentication failed|401/);
  });

  test("no credentials cannot clone a private repository", async () => {
    const result = await git(home, "clone", "-q", `${t.sandbox.origin}/${t.owner}/${t.repo}.git`, freshDir());
    expect(result.code).not.toBe(0);
  });

  describe("a read-only installation", () => {
    let readOnlyToken: string;

    beforeAll(async () => {
      const app = registerTestApp(t.sandbox, 303, { metadata: "read", contents: "read" });
      const installationId = t.sandbox.installApp(app.appId, "initech").id;
      await createTestRepo(t.sandbox, { owner: "initech", repo: "billing", installationId });
      readOnlyToken = await installationToken(installationOctokit(t.sandbox, app, installationId));
    });

    test("can clone but cannot push", async () => {
      const dir = freshDir();
      await ok(home, "clone", "-q", remote(readOnlyToken, "initech", "billing"), dir);
      const before = await ok(dir, "rev-parse", "HEAD");
      await commitIn(dir, "README.md", "# changed\n", "try to write");
      const push = await git(dir, "push", "-q", "origin", "HEAD:main");
      expect(push.code).not.toBe(0);
      expect(push.stderr).toMatch(/403|Permission to initech\/billing\.git denied/);
      expect(await t.sandbox.git.resolve("initech", "billing", "refs/heads/main")).toBe(before);
    });

    test("cannot clone another account's repository", async () => {
      const result = await git(home, "clone", "-q", remote(readOnlyToken), freshDir());
      expect(result.code).not.toBe(0);
    });
  });
});
