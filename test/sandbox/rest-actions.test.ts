import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { renderRepository } from "../../src/sandbox/render/render-repository.js";
import { renderUser } from "../../src/sandbox/render/render-user.js";
import { renderWorkflow } from "../../src/sandbox/render/render-workflow.js";
import { renderWorkflowRunFromGit } from "../../src/sandbox/render/render-workflow-run.js";
import { createJobLogHandler } from "../../src/sandbox/rest/job-log-handler.js";
import { actionsRoutes } from "../../src/sandbox/rest/routes/actions-routes.js";
import { seedWorkflowRun } from "../../src/sandbox/state/seed-workflow-run.js";
import { completeJob } from "../../src/sandbox/state/workflow-run-attempts.js";
import { WebhookPayloadValidator } from "../../src/sandbox/webhooks/webhook-payload-validator.js";
import { alice, bot, createSandboxRestFixture, type SandboxRestFixture } from "./support/sandbox-rest-fixture.js";

const RUNS = "/repos/{owner}/{repo}/actions/runs";
const RUN = "/repos/{owner}/{repo}/actions/runs/{run_id}";
const JOBS = "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs";
const JOB = "/repos/{owner}/{repo}/actions/jobs/{job_id}";

let f: SandboxRestFixture;
beforeEach(async () => {
  f = await createSandboxRestFixture(actionsRoutes);
});
afterEach(() => f.cleanup());

const failingCi = (headSha = f.mainSha, headBranch = "main") =>
  seedWorkflowRun(f.state, f.repoState, {
    name: "CI",
    headBranch,
    headSha,
    conclusion: "failure",
    jobs: [
      { name: "build", conclusion: "success", log: "compiled\n" },
      { name: "test", conclusion: "failure", log: "FAIL src/app.test.ts\nExpected 200, got 500\n", steps: [{ name: "Set up job", conclusion: "success" }, { name: "npm test", conclusion: "failure" }] },
    ],
  });

describe("workflow runs", () => {
  test("renders a seeded run like GitHub, with the head commit read from git", async () => {
    const run = failingCi();
    const res = await f.call("GET", RUN, { params: { run_id: String(run.id) } });
    expect(res.body).toMatchObject({
      id: run.id,
      name: "CI",
      path: ".github/workflows/ci.yml",
      head_branch: "main",
      head_sha: f.mainSha,
      status: "completed",
      conclusion: "failure",
      run_number: 1,
      run_attempt: 1,
      event: "push",
      display_title: "initial",
      head_commit: { id: f.mainSha, message: "initial", author: { name: "alice" } },
      repository: { full_name: "acme/shop" },
      actor: { login: "acme" },
      pull_requests: [],
      previous_attempt_url: null,
    });
    expect(res.body.jobs_url).toBe(`${f.ctx.apiUrl}/repos/acme/shop/actions/runs/${run.id}/jobs`);
    expect(f.problems("GET", RUN, res)).toEqual([]);
    expect((await f.call("GET", RUN, { params: { run_id: "999" } })).status).toBe(404);
  });

  test("the rendered run is also a valid workflow_run webhook payload", async () => {
    const run = failingCi();
    const workflow = f.repoState.workflows.find((w) => w.id === run.workflowId);
    if (!workflow) throw new Error("workflow not created");
    const payload = {
      action: "completed",
      workflow_run: await renderWorkflowRunFromGit(f.ctx, f.repoState, run),
      workflow: renderWorkflow(f.ctx, f.repoState, workflow),
      repository: renderRepository(f.repoState, f.state, f.ctx.apiUrl, f.ctx.origin),
      sender: renderUser(f.state.ensureUser("alice"), f.ctx.apiUrl, f.ctx.origin),
    };
    expect((await WebhookPayloadValidator.load()).validate("workflow_run", "completed", payload)).toEqual([]);
  });

  test("lists runs newest first with GitHub's filters, including conclusions as status", async () => {
    const first = failingCi();
    const feature = await f.commit("feature", { "a.txt": "a\n" });
    const second = seedWorkflowRun(f.state, f.repoState, { name: "CI", headBranch: "feature", headSha: feature, conclusion: "success", event: "pull_request", jobs: [] });
    const deploy = seedWorkflowRun(f.state, f.repoState, { name: "Deploy", headBranch: "main", headSha: f.mainSha, conclusion: null, jobs: [] });
    const ids = async (query: Record<string, string>) => (await f.call("GET", RUNS, { query })).body.workflow_runs.map((r: any) => r.id);

    const all = await f.call("GET", RUNS);
    expect(all.body.total_count).toBe(3);
    expect(all.body.workflow_runs.map((r: any) => r.id)).toEqual([deploy.id, second.id, first.id]);
    expect(f.problems("GET", RUNS, all)).toEqual([]);
    expect(await ids({ status: "failure" })).toEqual([first.id]);
    expect(await ids({ status: "in_progress" })).toEqual([deploy.id]);
    expect(await ids({ branch: "feature" })).toEqual([second.id]);
    expect(await ids({ event: "pull_request" })).toEqual([second.id]);
    expect(await ids({ head_sha: f.mainSha, status: "completed" })).toEqual([first.id]);
    expect(await ids({ created: ">=2024-05-01" })).toHaveLength(3);
    expect(await ids({ created: "<2024-05-01" })).toEqual([]);
    expect(second.runNumber).toBe(2);

    const byFile = await f.call("GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", { params: { workflow_id: "ci.yml" } });
    expect(byFile.body.workflow_runs.map((r: any) => r.id)).toEqual([second.id, first.id]);

    const paged = await f.call("GET", RUNS, { query: { per_page: "1", page: "2" } });
    expect(paged.body.workflow_runs.map((r: any) => r.id)).toEqual([second.id]);
    expect(paged.headers?.["link"]).toContain(`<${f.ctx.apiUrl}/repos/acme/shop/actions/runs?per_page=1&page=3>; rel="next"`);
  });

  test("lists and gets workflows by id or file name", async () => {
    const run = failingCi();
    const list = await f.call("GET", "/repos/{owner}/{repo}/actions/workflows");
    expect(list.body).toMatchObject({ total_count: 1, workflows: [{ id: run.workflowId, name: "CI", path: ".github/workflows/ci.yml", state: "active" }] });
    expect(f.problems("GET", "/repos/{owner}/{repo}/actions/workflows", list)).toEqual([]);
    const byId = await f.call("GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}", { params: { workflow_id: String(run.workflowId) } });
    expect(byId.body.name).toBe("CI");
    expect((await f.call("GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}", { params: { workflow_id: "nope.yml" } })).status).toBe(404);
  });
});

describe("jobs and logs", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const serveLogs = async (): Promise<string> => {
    const handler = createJobLogHandler(f.state);
    server = createServer((req, res) => void handler(req, res).then((handled) => handled || res.writeHead(418).end()));
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  test("lists and gets jobs with their steps in GitHub's shape", async () => {
    const run = failingCi();
    const jobs = await f.call("GET", JOBS, { params: { run_id: String(run.id) } });
    expect(jobs.body.total_count).toBe(2);
    expect(jobs.body.jobs.map((j: any) => [j.name, j.conclusion])).toEqual([["build", "success"], ["test", "failure"]]);
    expect(f.problems("GET", JOBS, jobs)).toEqual([]);
    const testJob = jobs.body.jobs[1];
    const job = await f.call("GET", JOB, { params: { job_id: String(testJob.id) } });
    expect(job.body).toMatchObject({ run_id: run.id, head_sha: f.mainSha, workflow_name: "CI", head_branch: "main" });
    expect(job.body.steps.map((s: any) => [s.number, s.name, s.conclusion])).toEqual([[1, "Set up job", "success"], [2, "npm test", "failure"]]);
    expect(f.problems("GET", JOB, job)).toEqual([]);
  });

  test("redirects log downloads to a signed URL that serves the text and refuses bad tokens", async () => {
    const run = failingCi();
    const testJob = f.repoState.jobs.find((j) => j.runId === run.id && j.name === "test");
    const res = await f.call("GET", `${JOB}/logs`, { params: { job_id: String(testJob?.id) } });
    expect(res.status).toBe(302);
    const location = new URL(res.headers?.["location"] ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(`${f.ctx.origin}/_logs/jobs/${testJob?.id}`);
    expect(location.searchParams.get("token")).toEqual(expect.any(String));

    const base = await serveLogs();
    const good = await fetch(`${base}${location.pathname}${location.search}`);
    expect(good.status).toBe(200);
    expect(good.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await good.text()).toBe("FAIL src/app.test.ts\nExpected 200, got 500\n");

    expect((await fetch(`${base}${location.pathname}?token=forged`)).status).toBe(404);
    expect((await fetch(`${base}${location.pathname}`)).status).toBe(404);
    const otherJob = f.repoState.jobs.find((j) => j.name === "build");
    expect((await fetch(`${base}/_logs/jobs/${otherJob?.id}${location.search}`)).status).toBe(404);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(418);
  });
});

describe("re-runs", () => {
  test("re-running failed jobs starts attempt 2 with only the failed job queued, then settles", async () => {
    const run = failingCi();
    const seen: string[] = [];
    f.state.onRerun = (_repo, rerun, jobs) => {
      seen.push(...jobs.map((j) => `${rerun.id}:${j.name}:${j.status}`));
    };
    const params = { run_id: String(run.id) };
    expect((await f.call("POST", `${RUN}/rerun-failed-jobs`, { caller: bot, params: { run_id: "999" } })).status).toBe(404);
    expect((await f.call("POST", `${RUN}/rerun-failed-jobs`, { params })).status).toBe(401);
    const res = await f.call("POST", `${RUN}/rerun-failed-jobs`, { caller: bot, params });
    expect(res).toMatchObject({ status: 201, body: {} });
    expect(seen).toEqual([`${run.id}:test:queued`]);

    const after = await f.call("GET", RUN, { params });
    expect(after.body).toMatchObject({ run_attempt: 2, status: "queued", conclusion: null });
    expect(after.body.previous_attempt_url).toMatch(/\/attempts\/1$/);
    const latest = (await f.call("GET", JOBS, { params })).body.jobs;
    expect(latest.map((j: any) => [j.name, j.status, j.run_attempt])).toEqual([["build", "completed", 1], ["test", "queued", 2]]);
    expect((await f.call("GET", JOBS, { params, query: { filter: "all" } })).body.total_count).toBe(3);

    expect((await f.call("POST", `${RUN}/rerun`, { caller: bot, params })).status).toBe(403);
    const retried = f.repoState.jobs.find((j) => j.name === "test" && j.runAttempt === 2);
    if (retried) completeJob(f.state, f.repoState, retried, { conclusion: "success", log: "all green\n" });
    expect((await f.call("GET", RUN, { params })).body).toMatchObject({ status: "completed", conclusion: "success", run_attempt: 2 });
  });

  test("re-running a whole run re-queues every job; a green run has no failed jobs to re-run", async () => {
    const run = seedWorkflowRun(f.state, f.repoState, { name: "CI", headBranch: "main", headSha: f.mainSha, conclusion: "success", jobs: [{ name: "build", conclusion: "success", log: "" }] });
    const params = { run_id: String(run.id) };
    expect((await f.call("POST", `${RUN}/rerun-failed-jobs`, { caller: alice, params })).status).toBe(403);
    expect((await f.call("POST", `${RUN}/rerun`, { caller: alice, params })).status).toBe(201);
    expect((await f.call("GET", JOBS, { params })).body.jobs.map((j: any) => [j.status, j.run_attempt])).toEqual([["queued", 2]]);
  });
});
