import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { RequestError } from "@octokit/request-error";
import { OpenApiValidator } from "../../src/sandbox/openapi/openapi-validator.js";
import { seedWorkflowRun } from "../../src/sandbox/state/seed-workflow-run.js";
import { startTestSandbox, type TestSandbox } from "./support/start-test-sandbox.js";

const rejection = (promise: Promise<unknown>): Promise<RequestError> =>
  promise.then(
    () => {
      throw new Error("expected the request to be rejected");
    },
    (error: RequestError) => error,
  );

describe("the sandbox speaks GitHub's OpenAPI description", () => {
  let t: TestSandbox;
  let validator: OpenApiValidator;
  const problems = (method: string, route: string, res: { status: number; data: unknown }) =>
    validator.validateResponse(route, method, res.status, res.data).map((p) => `${p.location}${p.path}: ${p.message}`);

  beforeAll(async () => {
    [t, validator] = await Promise.all([startTestSandbox(), OpenApiValidator.load()]);
  });
  afterAll(() => t.close());

  describe("requests the real API rejects", () => {
    test("a pull request without head and with a numeric title is a 422 with GitHub's body", async () => {
      const error = await rejection(
        t.octokit.request("POST /repos/{owner}/{repo}/pulls", { owner: t.owner, repo: t.repo, title: 5 as unknown as string, base: "main" } as never),
      );
      expect(error.status).toBe(422);
      const body = error.response?.data as { message: string; status: string };
      expect(body.status).toBe("422");
      expect(body.message).toMatch(/^Invalid request\.\n\n/);
      expect(body.message).toContain(`"head" wasn't supplied.`);
      expect(body.message).toContain("For 'properties/title', 5 is not a string.");
      expect(t.sandbox.log.apiCalls.at(-1)).toMatchObject({
        method: "POST",
        route: "/repos/{owner}/{repo}/pulls",
        status: 422,
        error: expect.stringContaining("head"),
      });
      expect(t.sandbox.state.repo(t.owner, t.repo)?.issues).toEqual([]);
    });

    test("an unknown route is a 404", async () => {
      const error = await rejection(t.octokit.request("GET /repos/{owner}/{repo}/no-such-thing", { owner: t.owner, repo: t.repo }));
      expect(error.status).toBe(404);
      expect(t.sandbox.log.apiCalls.at(-1)).toMatchObject({ status: 404, route: `/repos/${t.owner}/${t.repo}/no-such-thing` });
    });

    test("a route GitHub has but the sandbox lacks is a 501 listed among the problems", async () => {
      const error = await rejection(t.octokit.rest.repos.listReleases({ owner: t.owner, repo: t.repo }));
      expect(error.status).toBe(501);
      expect(t.sandbox.log.problems()).toContainEqual(
        expect.objectContaining({ method: "GET", route: "/repos/{owner}/{repo}/releases", status: 501, error: "not implemented in the sandbox" }),
      );
    });
  });

  describe("responses match GitHub's response schemas", () => {
    test("GET a repository", async () => {
      const res = await t.octokit.rest.repos.get({ owner: t.owner, repo: t.repo });
      expect(res.data.full_name).toBe(`${t.owner}/${t.repo}`);
      expect(problems("GET", "/repos/{owner}/{repo}", res)).toEqual([]);
      // the check has teeth: a repository without its required fields does not pass
      expect(problems("GET", "/repos/{owner}/{repo}", { status: 200, data: { ...res.data, owner: undefined } })).not.toEqual([]);
    });

    test("GET file contents", async () => {
      const res = await t.octokit.rest.repos.getContent({ owner: t.owner, repo: t.repo, path: "deploy/app.yaml" });
      const file = res.data as { type: string; content: string; encoding: string };
      expect(file.type).toBe("file");
      expect(Buffer.from(file.content, "base64").toString("utf8")).toBe("image: shop:1.1.0\n");
      expect(problems("GET", "/repos/{owner}/{repo}/contents/{path}", res)).toEqual([]);
    });

    test("POST an issue", async () => {
      const res = await t.octokit.rest.issues.create({ owner: t.owner, repo: t.repo, title: "Deploy failed", body: "details", labels: ["incident"] });
      expect(res.status).toBe(201);
      expect(res.data).toMatchObject({ title: "Deploy failed", state: "open", user: { login: "test-app-101[bot]", type: "Bot" } });
      expect(problems("POST", "/repos/{owner}/{repo}/issues", res)).toEqual([]);
    });

    test("POST a pull request for a pushed branch, then GET it", async () => {
      const headSha = await t.sandbox.git.commitFiles(t.owner, t.repo, "fix/rollback", {
        message: "roll back image",
        author: { name: "Dana Dev", email: "dana@example.invalid" },
        files: { "deploy/app.yaml": "image: shop:1.0.0\n" },
      });
      const created = await t.octokit.rest.pulls.create({ owner: t.owner, repo: t.repo, title: "Roll back", head: "fix/rollback", base: "main" });
      expect(created.status).toBe(201);
      expect(created.data).toMatchObject({ head: { ref: "fix/rollback", sha: headSha }, base: { ref: "main", sha: t.commits.at(-1) }, state: "open" });
      expect(problems("POST", "/repos/{owner}/{repo}/pulls", created)).toEqual([]);
      const fetched = await t.octokit.rest.pulls.get({ owner: t.owner, repo: t.repo, pull_number: created.data.number });
      expect(problems("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", fetched)).toEqual([]);
    });

    test("GET workflow runs", async () => {
      const repoState = t.sandbox.state.repo(t.owner, t.repo);
      if (!repoState) throw new Error("seeded repository missing");
      const run = seedWorkflowRun(t.sandbox.state, repoState, {
        name: "CI",
        headBranch: "main",
        headSha: t.commits.at(-1) ?? "",
        conclusion: "failure",
        jobs: [{ name: "test", conclusion: "failure", log: "FAIL src/app.test.ts\n" }],
      });
      const res = await t.octokit.rest.actions.listWorkflowRunsForRepo({ owner: t.owner, repo: t.repo });
      expect(res.data.total_count).toBe(1);
      expect(res.data.workflow_runs[0]).toMatchObject({ id: run.id, conclusion: "failure", head_sha: t.commits.at(-1) });
      expect(problems("GET", "/repos/{owner}/{repo}/actions/runs", res)).toEqual([]);
    });

    test("none of these calls was a problem for the sandbox", () => {
      const unexpected = t.sandbox.log.problems().filter((p) => p.status !== 501 && p.status !== 422 && p.status !== 404);
      expect(unexpected).toEqual([]);
    });
  });
});
