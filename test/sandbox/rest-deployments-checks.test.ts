import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { renderDeployment, renderDeploymentStatus } from "../../src/sandbox/render/render-deployment.js";
import { renderRepository } from "../../src/sandbox/render/render-repository.js";
import { renderUser } from "../../src/sandbox/render/render-user.js";
import { checksRoutes } from "../../src/sandbox/rest/routes/checks-routes.js";
import { deploymentsRoutes } from "../../src/sandbox/rest/routes/deployments-routes.js";
import { seedDeployment } from "../../src/sandbox/state/seed-deployment.js";
import { seedWorkflowRun } from "../../src/sandbox/state/seed-workflow-run.js";
import { WebhookPayloadValidator } from "../../src/sandbox/webhooks/webhook-payload-validator.js";
import { alice, bot, createSandboxRestFixture, type SandboxRestFixture } from "./support/sandbox-rest-fixture.js";

const DEPLOYMENTS = "/repos/{owner}/{repo}/deployments";
const STATUSES = "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses";
const CHECK_RUNS = "/repos/{owner}/{repo}/check-runs";
const CHECK_RUN = "/repos/{owner}/{repo}/check-runs/{check_run_id}";
const RUNS_FOR_REF = "/repos/{owner}/{repo}/commits/{ref}/check-runs";
const SUITES_FOR_REF = "/repos/{owner}/{repo}/commits/{ref}/check-suites";

let f: SandboxRestFixture;
beforeEach(async () => {
  f = await createSandboxRestFixture([...deploymentsRoutes, ...checksRoutes]);
});
afterEach(() => f.cleanup());

const deploy = async (ref: string, environment = "production") =>
  (await f.call("POST", DEPLOYMENTS, { caller: bot, body: { ref, environment, required_contexts: [], auto_merge: false } })).body as { id: number; sha: string };

const setState = (id: number, state: string, extra: Record<string, unknown> = {}) =>
  f.call("POST", STATUSES, { caller: bot, params: { deployment_id: String(id) }, body: { state, ...extra } });

describe("deployments", () => {
  test("creates a deployment of a ref resolved through git, in GitHub's shape", async () => {
    const res = await f.call("POST", DEPLOYMENTS, { caller: bot, body: { ref: "main", payload: '{"image":"shop:1.4"}', description: "release 1.4" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ sha: f.mainSha, ref: "main", task: "deploy", environment: "production", payload: { image: "shop:1.4" }, creator: { login: "agenticops[bot]" }, production_environment: true });
    expect(f.problems("POST", DEPLOYMENTS, res)).toEqual([]);
    expect(await f.call("POST", DEPLOYMENTS, { caller: bot, body: { ref: "nope" } })).toMatchObject({ status: 422, body: { message: "No ref found for: nope" } });
    expect((await f.call("POST", DEPLOYMENTS, { body: { ref: "main" } })).status).toBe(401);
  });

  test("lists deployments newest first with sha, ref, task and environment filters", async () => {
    const feature = await f.commit("feature", { "a.txt": "a\n" });
    const prod = await deploy("main");
    const staging = await deploy("feature", "staging");
    const ids = async (query: Record<string, string>) => (await f.call("GET", DEPLOYMENTS, { query })).body.map((d: any) => d.id);
    expect(await ids({})).toEqual([staging.id, prod.id]);
    expect(await ids({ environment: "staging" })).toEqual([staging.id]);
    expect(await ids({ sha: feature })).toEqual([staging.id]);
    expect(await ids({ ref: "main", task: "deploy" })).toEqual([prod.id]);
    const one = await f.call("GET", `${DEPLOYMENTS}/{deployment_id}`, { params: { deployment_id: String(prod.id) } });
    expect(f.problems("GET", `${DEPLOYMENTS}/{deployment_id}`, one)).toEqual([]);
  });

  test("a new success marks earlier successful deployments of the environment inactive", async () => {
    const first = await deploy("main");
    const staging = await deploy("main", "staging");
    await setState(first.id, "success", { log_url: "https://ci.example/1" });
    await setState(staging.id, "success", { log_url: "https://ci.example/s" });
    const second = await deploy("main");
    const created = await setState(second.id, "success", { log_url: "https://ci.example/2", environment_url: "https://shop.example" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: "success", environment: "production", target_url: "https://ci.example/2", log_url: "https://ci.example/2", environment_url: "https://shop.example" });
    expect(f.problems("POST", STATUSES, created)).toEqual([]);

    const statesOf = async (id: number) => (await f.call("GET", STATUSES, { params: { deployment_id: String(id) } })).body.map((s: any) => s.state);
    expect(await statesOf(first.id)).toEqual(["inactive", "success"]);
    expect(await statesOf(staging.id)).toEqual(["success"]);
    expect(await statesOf(second.id)).toEqual(["success"]);

    const third = await deploy("main");
    await setState(third.id, "success", { auto_inactive: false, log_url: "https://ci.example/3" });
    expect(await statesOf(second.id)).toEqual(["success"]);
    const one = await f.call("GET", `${STATUSES}/{status_id}`, { params: { deployment_id: String(second.id), status_id: String(created.body.id) } });
    expect(one.body.id).toBe(created.body.id);
    expect(f.problems("GET", `${STATUSES}/{status_id}`, one)).toEqual([]);
  });

  test("seeded deployments render as a valid deployment_status webhook payload", async () => {
    const old = seedDeployment(f.state, f.repoState, { environment: "production", sha: f.mainSha, state: "success" });
    const failed = seedDeployment(f.state, f.repoState, { environment: "production", sha: f.mainSha, ref: "main", state: "failure", logUrl: "https://ci.example/9" });
    expect(old.statuses.map((s) => s.state)).toEqual(["success"]);
    const status = failed.statuses[0];
    if (!status) throw new Error("no status seeded");
    const payload = {
      action: "created",
      deployment: renderDeployment(f.ctx, f.repoState, failed),
      deployment_status: renderDeploymentStatus(f.ctx, f.repoState, failed, status),
      repository: renderRepository(f.repoState, f.state, f.ctx.apiUrl, f.ctx.origin),
      sender: renderUser(f.state.ensureUser("acme"), f.ctx.apiUrl, f.ctx.origin),
    };
    expect((await WebhookPayloadValidator.load()).validate("deployment_status", "created", payload)).toEqual([]);
  });
});

describe("check runs and suites", () => {
  test("an app creates and completes a check run; its suite follows; annotations accumulate", async () => {
    const created = await f.call("POST", CHECK_RUNS, {
      caller: bot,
      body: { name: "agenticops/verify", head_sha: f.mainSha, status: "in_progress", external_id: "inc-1", output: { title: "Verifying", summary: "running", annotations: [{ path: "README.md", start_line: 1, end_line: 1, annotation_level: "warning", message: "stale" }] } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "in_progress", conclusion: null, external_id: "inc-1", app: { id: 42, slug: "agenticops" }, output: { annotations_count: 1 } });
    expect(f.problems("POST", CHECK_RUNS, created)).toEqual([]);
    const suiteId = created.body.check_suite.id;

    expect((await f.call("POST", CHECK_RUNS, { caller: alice, body: { name: "x", head_sha: f.mainSha } })).status).toBe(403);
    expect((await f.call("POST", CHECK_RUNS, { caller: bot, body: { name: "x", head_sha: "f".repeat(40) } })).status).toBe(422);

    const params = { check_run_id: String(created.body.id) };
    const other = { kind: "installation", installationId: 8, appId: 99, login: "other" } as const;
    expect((await f.call("PATCH", CHECK_RUN, { caller: other, params, body: { conclusion: "success" } })).status).toBe(403);
    const done = await f.call("PATCH", CHECK_RUN, {
      caller: bot,
      params,
      body: { conclusion: "failure", output: { title: "Failed", summary: "health check 500", annotations: [{ path: "README.md", start_line: 1, end_line: 1, annotation_level: "failure", message: "bad" }] } },
    });
    expect(done.body).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Failed", annotations_count: 2 } });
    expect(done.body.completed_at).toEqual(expect.any(String));
    expect(f.problems("PATCH", CHECK_RUN, done)).toEqual([]);

    const annotations = await f.call("GET", `${CHECK_RUN}/annotations`, { params });
    expect(annotations.body.map((a: any) => [a.annotation_level, a.message])).toEqual([["warning", "stale"], ["failure", "bad"]]);
    expect(f.problems("GET", `${CHECK_RUN}/annotations`, annotations)).toEqual([]);

    const suite = await f.call("GET", "/repos/{owner}/{repo}/check-suites/{check_suite_id}", { params: { check_suite_id: String(suiteId) } });
    expect(suite.body).toMatchObject({ status: "completed", conclusion: "failure", head_branch: "main", head_commit: { id: f.mainSha }, latest_check_runs_count: 1 });
    expect(f.problems("GET", "/repos/{owner}/{repo}/check-suites/{check_suite_id}", suite)).toEqual([]);
  });

  test("lists check runs and suites for a ref, including GitHub Actions jobs, newest per name", async () => {
    await f.call("POST", CHECK_RUNS, { caller: bot, body: { name: "agenticops/verify", head_sha: f.mainSha, conclusion: "success" } });
    await f.call("POST", CHECK_RUNS, { caller: bot, body: { name: "agenticops/verify", head_sha: f.mainSha, conclusion: "failure" } });
    const run = seedWorkflowRun(f.state, f.repoState, { name: "CI", headBranch: "main", headSha: f.mainSha, conclusion: "failure", jobs: [{ name: "test", conclusion: "failure", log: "boom" }] });

    const latest = await f.call("GET", RUNS_FOR_REF, { params: { ref: "main" } });
    expect(latest.body.check_runs.map((r: any) => [r.name, r.conclusion, r.app.slug])).toEqual([
      ["test", "failure", "github-actions"],
      ["agenticops/verify", "failure", "agenticops"],
    ]);
    expect(latest.body.check_runs[0].id).toBe(run.jobIds[0]);
    expect(f.problems("GET", RUNS_FOR_REF, latest)).toEqual([]);
    expect((await f.call("GET", RUNS_FOR_REF, { params: { ref: f.mainSha }, query: { filter: "all" } })).body.total_count).toBe(3);
    expect((await f.call("GET", RUNS_FOR_REF, { params: { ref: "main" }, query: { check_name: "test" } })).body.total_count).toBe(1);
    expect((await f.call("GET", RUNS_FOR_REF, { params: { ref: "nope" } })).status).toBe(422);

    const suites = await f.call("GET", SUITES_FOR_REF, { params: { ref: "main" } });
    expect(suites.body.check_suites.map((s: any) => [s.app.slug, s.conclusion])).toEqual([["agenticops", "failure"], ["github-actions", "failure"]]);
    expect(f.problems("GET", SUITES_FOR_REF, suites)).toEqual([]);
    const jobSuite = suites.body.check_suites[1];
    const inSuite = await f.call("GET", "/repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs", { params: { check_suite_id: String(jobSuite.id) } });
    expect(inSuite.body.check_runs.map((r: any) => r.name)).toEqual(["test"]);
  });
  test("a suite's check runs and a run's annotations are served in pages with GitHub's Link header", async () => {
    const notes = Array.from({ length: 3 }, (_, i) => ({ path: "README.md", start_line: i + 1, end_line: i + 1, annotation_level: "notice", message: `n${i}` }));
    const runs = [];
    for (const name of ["a", "b", "c"]) runs.push((await f.call("POST", CHECK_RUNS, { caller: bot, body: { name, head_sha: f.mainSha, conclusion: "failure", output: { title: name, summary: name, annotations: notes } } })).body);
    const suite = { check_suite_id: String(runs[0].check_suite.id) };
    const SUITE_RUNS = "/repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs";
    const first = await f.call("GET", SUITE_RUNS, { params: suite, query: { per_page: "2" } });
    expect(first.body.check_runs).toHaveLength(2);
    expect(first.headers?.["link"]).toMatch(/[?&]per_page=2&page=2>; rel="next"/);
    const second = await f.call("GET", SUITE_RUNS, { params: suite, query: { per_page: "2", page: "2" } });
    expect(second.body.total_count).toBe(3);
    const names = [...first.body.check_runs, ...second.body.check_runs].map((r: any) => r.name).sort();
    expect(names).toEqual(["a", "b", "c"]);
    expect(second.headers?.["link"]).not.toContain('rel="next"');
    const params = { check_run_id: String(runs[0].id) };
    const annotations = await f.call("GET", `${CHECK_RUN}/annotations`, { params, query: { per_page: "2", page: "2" } });
    expect(annotations.body.map((a: any) => a.message)).toEqual(["n2"]);
    expect(annotations.headers?.["link"]).toContain('rel="first"');
    expect(f.problems("GET", `${CHECK_RUN}/annotations`, annotations)).toEqual([]);
  });
});

describe("commit statuses", () => {
  const COMBINED = "/repos/{owner}/{repo}/commits/{ref}/status";
  const post = (state: string, context: string) =>
    f.call("POST", "/repos/{owner}/{repo}/statuses/{sha}", { caller: bot, params: { sha: f.mainSha }, body: { state, context, target_url: "https://ci.example/1", description: `${context} ${state}` } });

  test("creates statuses and combines the latest per context", async () => {
    const pending = (await f.call("GET", COMBINED, { params: { ref: "main" } })).body;
    expect(pending).toMatchObject({ state: "pending", total_count: 0, sha: f.mainSha });

    const created = await post("pending", "ci/build");
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: "pending", context: "ci/build", creator: { login: "agenticops[bot]" } });
    expect(f.problems("POST", "/repos/{owner}/{repo}/statuses/{sha}", created)).toEqual([]);
    await post("success", "ci/build");
    await post("success", "deploy/staging");
    const green = await f.call("GET", COMBINED, { params: { ref: "main" } });
    expect(green.body).toMatchObject({ state: "success", total_count: 2 });
    expect(green.body.statuses.map((s: any) => [s.context, s.state])).toEqual([["deploy/staging", "success"], ["ci/build", "success"]]);
    expect(f.problems("GET", COMBINED, green)).toEqual([]);

    await post("error", "CI/Build");
    expect((await f.call("GET", COMBINED, { params: { ref: f.mainSha } })).body).toMatchObject({ state: "failure", total_count: 2 });
    const all = await f.call("GET", "/repos/{owner}/{repo}/commits/{ref}/statuses", { params: { ref: "main" }, query: { per_page: "2" } });
    expect(all.body.map((s: any) => s.state)).toEqual(["error", "success"]);
    expect(all.headers?.["link"]).toContain('rel="last"');
    expect((await f.call("GET", COMBINED, { params: { ref: "nope" } })).status).toBe(404);
    expect((await f.call("POST", "/repos/{owner}/{repo}/statuses/{sha}", { caller: bot, params: { sha: "f".repeat(40) }, body: { state: "success" } })).status).toBe(422);
  });
});
