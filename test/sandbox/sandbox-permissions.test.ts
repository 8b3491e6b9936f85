import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { requiredPermissions, type PermissionGrant } from "../../src/sandbox/auth/route-permissions.js";
import { OpenApiValidator } from "../../src/sandbox/openapi/openapi-validator.js";
import { sandboxRoutes } from "../../src/sandbox/rest/routes/sandbox-routes.js";
import { installationToken, startTestSandbox, type TestSandbox } from "./support/start-test-sandbox.js";

const ROOT = process.cwd();
const DENIED = "Resource not accessible by integration";
const grants = (...list: string[]): PermissionGrant[] =>
  list.map((g) => {
    const [permission = "", level = ""] = g.split(":");
    return { permission, level: level as PermissionGrant["level"] };
  });

describe("which permission each route needs", () => {
  let document: OpenApiValidator["document"];
  beforeAll(async () => {
    document = (await OpenApiValidator.load()).document;
  });

  test.each([
    ["GET", "/repos/{owner}/{repo}", grants("metadata:read")],
    ["GET", "/repos/{owner}/{repo}/collaborators/{username}/permission", grants("metadata:read")],
    ["GET", "/repos/{owner}/{repo}/issues", grants("issues:read")],
    ["POST", "/repos/{owner}/{repo}/issues", grants("issues:write")],
    ["POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", grants("issues:write", "pull_requests:write")],
    ["POST", "/repos/{owner}/{repo}/issues/{issue_number}/labels", grants("issues:write", "pull_requests:write")],
    ["POST", "/repos/{owner}/{repo}/pulls", grants("pull_requests:write")],
    ["GET", "/repos/{owner}/{repo}/pulls/{pull_number}", grants("pull_requests:read", "contents:read")],
    ["PUT", "/repos/{owner}/{repo}/pulls/{pull_number}/merge", grants("contents:write")],
    ["POST", "/repos/{owner}/{repo}/git/refs", grants("contents:write")],
    ["GET", "/repos/{owner}/{repo}/contents/{path}", grants("contents:read")],
    ["GET", "/repos/{owner}/{repo}/branches", grants("contents:read")],
    ["POST", "/repos/{owner}/{repo}/statuses/{sha}", grants("statuses:write")],
    ["POST", "/repos/{owner}/{repo}/check-runs", grants("checks:write")],
    ["GET", "/repos/{owner}/{repo}/actions/jobs/{job_id}/logs", grants("actions:read")],
    ["POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/rerun", grants("actions:write")],
    ["GET", "/repos/{owner}/{repo}/deployments", grants("deployments:read")],
    ["GET", "/orgs/{org}/teams/{team_slug}/memberships/{username}", grants("members:read")],
  ])("%s %s", (method, route, expected) => {
    expect(requiredPermissions(document, method, route)).toEqual(expected);
  });

  test("every route the sandbox implements has a rule", () => {
    const unmapped = sandboxRoutes.filter((r) => requiredPermissions(document, r.method, r.path) === undefined);
    expect(unmapped.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  test("the manifest's permissions cover every REST call the product makes", async () => {
    const manifest = parse(await readFile(join(ROOT, "app.yml"), "utf8")) as { default_permissions: Record<string, string> };
    const granted: Record<string, string> = { metadata: "read", ...manifest.default_permissions };
    // Every `octokit.rest.<scope>.<method>` in the product's source, resolved to its route by Octokit itself.
    const calls = new Set<string>();
    for (const dir of ["src/adapters", "src/app", "src/cli"]) {
      const files = await readdir(join(ROOT, dir), { recursive: true }).catch(() => [] as string[]);
      for (const file of files.filter((f) => f.endsWith(".ts"))) {
        const source = await readFile(join(ROOT, dir, file), "utf8");
        for (const m of source.matchAll(/\brest\.(\w+)\.(\w+)\b/g)) calls.add(`${m[1]}.${m[2]}`);
      }
    }
    const rest = new Octokit().rest as unknown as Record<string, Record<string, { endpoint: { DEFAULTS: { method: string; url: string } } }>>;
    // Called with the app's JWT, not an installation token: no installation permission applies.
    const asApp = new Set(["apps.getRepoInstallation"]);
    const refused = [...calls].filter((call) => !asApp.has(call)).flatMap((call) => {
      const [scope = "", name = ""] = call.split(".");
      const { method, url } = rest[scope]?.[name]?.endpoint.DEFAULTS ?? { method: "?", url: call };
      const needed = requiredPermissions(document, method, url);
      const ok = needed?.some((g) => granted[g.permission] === "write" || granted[g.permission] === g.level);
      return ok ? [] : [`${call} (${method} ${url}) needs ${JSON.stringify(needed)}`];
    });
    expect(calls.size).toBeGreaterThan(10);
    expect(refused).toEqual([]);
  });
});

describe("REST routes check the installation's permissions", () => {
  const started: TestSandbox[] = [];
  const start = async (permissions: Record<string, string>) => {
    const t = await startTestSandbox({ permissions });
    started.push(t);
    return t;
  };
  afterAll(() => Promise.all(started.map((t) => t.close())));

  test("issues: read may list issues but not open one, and the refusal is logged as a problem", async () => {
    const t = await start({ issues: "read" });
    const { status } = await t.octokit.rest.issues.listForRepo({ owner: t.owner, repo: t.repo });
    expect(status).toBe(200);
    const error = await t.octokit.rest.issues.create({ owner: t.owner, repo: t.repo, title: "x" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, response: { data: { message: DENIED, status: "403" } } });
    expect((error as { response: { headers: Record<string, string> } }).response.headers["x-accepted-github-permissions"]).toBe("issues=write");
    expect(t.sandbox.state.repo(t.owner, t.repo)?.issues.length ?? 0).toBe(0);
    expect(t.sandbox.log.problems()).toEqual([
      expect.objectContaining({ method: "POST", route: "/repos/{owner}/{repo}/issues", status: 403, error: expect.stringContaining("issues: write") }),
    ]);
  });

  test("pull_requests: write may open a pull request and comment on it without issues", async () => {
    const t = await start({ contents: "read", pull_requests: "write" });
    await t.sandbox.git.commitFiles(t.owner, t.repo, "fix", { message: "fix", files: { "a.txt": "a\n" } });
    const { data: pr } = await t.octokit.rest.pulls.create({ owner: t.owner, repo: t.repo, head: "fix", base: "main", title: "Fix" });
    expect(pr.number).toBeGreaterThan(0);
    const { status } = await t.octokit.rest.issues.createComment({ owner: t.owner, repo: t.repo, issue_number: pr.number, body: "hi" });
    expect(status).toBe(201);
    expect(t.sandbox.log.problems()).toEqual([]);
  });

  test("creating a check run needs checks: write", async () => {
    const run = (t: TestSandbox) =>
      t.octokit.rest.checks.create({ owner: t.owner, repo: t.repo, name: "agenticops", head_sha: t.commits.at(-1) ?? "" });
    const without = await start({ contents: "write", pull_requests: "write" });
    await expect(run(without)).rejects.toMatchObject({ status: 403, response: { data: { message: DENIED } } });
    const granted = await start({ checks: "write" });
    expect((await run(granted)).status).toBe(201);
  });

  test("metadata alone reads the repository, and a user token is not held to app permissions", async () => {
    const t = await start({});
    expect((await t.octokit.rest.repos.get({ owner: t.owner, repo: t.repo })).status).toBe(200);
    await expect(t.octokit.rest.repos.getContent({ owner: t.owner, repo: t.repo, path: "README.md" })).rejects.toMatchObject({ status: 403 });
    t.sandbox.auth.registerUserToken("ghu_owner", t.owner);
    const user = new Octokit({ baseUrl: t.sandbox.apiUrl, auth: "ghu_owner" });
    expect((await user.rest.issues.create({ owner: t.owner, repo: t.repo, title: "by hand" })).status).toBe(201);
  });
});

describe("changes to .github/workflows/ need the workflows permission", () => {
  const WORKFLOW_REFUSAL = "refusing to allow a GitHub App to create or update workflow `.github/workflows/ci.yml` without `workflows` permission";
  const APP = { contents: "write", pull_requests: "write" };
  let home: string;
  let without: TestSandbox;
  let withWorkflows: TestSandbox;
  let clones = 0;

  /** A real git client, isolated from the machine's config. */
  const git = (cwd: string, ...args: string[]): Promise<{ code: number; stderr: string }> =>
    new Promise((resolve) => {
      const env = { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: home, GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0" };
      const identity = ["-c", "user.name=Bot", "-c", "user.email=bot@example.invalid"];
      execFile("git", [...identity, ...args], { cwd, env }, (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stderr: String(stderr) }));
    });
  /** Clones with the installation token, commits one file on a new branch and pushes it. */
  const pushFile = async (t: TestSandbox, path: string) => {
    const token = await installationToken(t.octokit);
    const dir = join(home, `clone-${++clones}`);
    const remote = `${t.sandbox.origin.replace("://", `://x-access-token:${token}@`)}/${t.owner}/${t.repo}.git`;
    expect((await git(home, "clone", "-q", remote, dir)).code).toBe(0);
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), "on: push\n");
    await git(dir, "add", path);
    await git(dir, "commit", "-q", "-m", `change ${path}`);
    return git(dir, "push", "origin", `HEAD:refs/heads/change-${clones}`);
  };
  const putContents = (t: TestSandbox, path: string) =>
    t.octokit.rest.repos.createOrUpdateFileContents({ owner: t.owner, repo: t.repo, path, message: "ci", content: Buffer.from("on: push\n").toString("base64") });

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "sandbox-workflows-"));
    without = await startTestSandbox({ permissions: APP });
    withWorkflows = await startTestSandbox({ permissions: { ...APP, workflows: "write" } });
  });
  afterAll(async () => {
    await Promise.all([without.close(), withWorkflows.close()]);
    await rm(home, { recursive: true, force: true });
  });

  test("a push touching a workflow is rejected with GitHub's message; other files go through", async () => {
    const refused = await pushFile(without, ".github/workflows/ci.yml");
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(WORKFLOW_REFUSAL);
    expect(await without.sandbox.git.listRefs(without.owner, without.repo, "refs/heads/change-")).toEqual([]);
    const accepted = await pushFile(without, "docs/ci.md");
    expect(accepted).toMatchObject({ code: 0 });
  });

  test("with workflows: write the same push succeeds", async () => {
    expect(await pushFile(withWorkflows, ".github/workflows/ci.yml")).toMatchObject({ code: 0 });
  });

  test("the contents API refuses a workflow file without the permission (403) and creates it with (201)", async () => {
    const error = await putContents(without, ".github/workflows/ci.yml").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, response: { data: { message: WORKFLOW_REFUSAL } } });
    expect(without.sandbox.log.problems().at(-1)).toMatchObject({ status: 403, error: WORKFLOW_REFUSAL });
    expect((await putContents(withWorkflows, ".github/workflows/ci.yml")).status).toBe(201);
    expect((await putContents(without, "docs/readme.md")).status).toBe(201);
  });

  test("a ref cannot be moved onto a commit that changes a workflow", async () => {
    const { owner, repo, octokit } = without;
    const base = without.commits.at(-1) ?? "";
    const { data: tree } = await octokit.rest.git.createTree({ owner, repo, base_tree: base, tree: [{ path: ".github/workflows/ci.yml", mode: "100644", type: "blob", content: "on: push\n" }] });
    const { data: commit } = await octokit.rest.git.createCommit({ owner, repo, message: "ci", tree: tree.sha, parents: [base] });
    await expect(octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/ci", sha: commit.sha })).rejects.toMatchObject({ status: 403, response: { data: { message: WORKFLOW_REFUSAL } } });
    await expect(octokit.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: commit.sha })).rejects.toMatchObject({ status: 403 });
    // a branch at a commit already in the repository changes no workflow
    expect((await octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/copy", sha: base })).status).toBe(201);
  });
});
