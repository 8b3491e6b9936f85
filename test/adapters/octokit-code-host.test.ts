import { describe, expect, test } from "@jest/globals";
import nock from "nock";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import type { CodeHost } from "../../src/ports/code-host.js";
import { withNockedCodeHost } from "./support/nocked-code-host.js";

const API = "https://api.github.com";
const repo = { owner: "acme", name: "shop" };

let host: CodeHost;
withNockedCodeHost((created) => (host = created));

const job = (id: number, conclusion: string | null, steps: Array<[string, string | null]> = []) => ({
  id,
  name: `job ${id}`,
  conclusion,
  status: "completed",
  url: `${API}/repos/acme/shop/actions/jobs/${id}`,
  html_url: `https://github.com/acme/shop/actions/runs/42/job/${id}`,
  steps: steps.map(([name, c], i) => ({ name, status: "completed", conclusion: c, number: i + 1 })),
});

describe("readDefaultBranchFile", () => {
  test("decodes a base64 file from the default branch (no ref sent)", async () => {
    const text = "version: 1\nmode: observe\n";
    const scope = nock(API)
      .get("/repos/acme/shop/contents/.github%2Fagenticops.yml")
      .query((q) => Object.keys(q).length === 0)
      .reply(200, { type: "file", encoding: "base64", path: ".github/agenticops.yml", content: Buffer.from(text).toString("base64").replace(/(.{60})/g, "$1\n") });
    await expect(host.readDefaultBranchFile(repo, ".github/agenticops.yml")).resolves.toBe(text);
    expect(scope.isDone()).toBe(true);
  });

  test("a missing file is null", async () => {
    nock(API).get("/repos/acme/shop/contents/k8s%2Fdeployment.yaml").reply(404, { message: "Not Found" });
    await expect(host.readDefaultBranchFile(repo, "k8s/deployment.yaml")).resolves.toBeNull();
  });

  test("a directory is null", async () => {
    nock(API).get("/repos/acme/shop/contents/k8s").reply(200, [{ type: "file", name: "deployment.yaml", path: "k8s/deployment.yaml" }]);
    await expect(host.readDefaultBranchFile(repo, "k8s")).resolves.toBeNull();
  });

  test("a server error is CODE_HOST_FAILED with the cause kept", async () => {
    nock(API).get("/repos/acme/shop/contents/k8s%2Fdeployment.yaml").reply(500, { message: "boom" });
    const error = await host.readDefaultBranchFile(repo, "k8s/deployment.yaml").catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
    expect((error as Error).message).toContain("k8s/deployment.yaml");
    expect((error as Error & { cause: { status: number } }).cause.status).toBe(500);
  });
});

describe("listFailedJobs", () => {
  test("follows the Link header across pages and keeps failed and timed-out jobs with their failed step", async () => {
    const page2 = `${API}/repositories/1/actions/runs/42/jobs?filter=latest&per_page=100&page=2`;
    const scope = nock(API)
      .get("/repos/acme/shop/actions/runs/42/jobs")
      .query({ filter: "latest", per_page: "100" })
      .reply(
        200,
        { total_count: 4, jobs: [job(1, "success"), job(2, "failure", [["Set up job", "success"], ["npm test", "failure"], ["Post", "skipped"]])] },
        { link: `<${page2}>; rel="next", <${page2}>; rel="last"` },
      )
      .get("/repositories/1/actions/runs/42/jobs")
      .query({ filter: "latest", per_page: "100", page: "2" })
      .reply(200, { total_count: 4, jobs: [job(3, "timed_out", [["deploy", "cancelled"]]), job(4, "cancelled"), job(5, null)] });
    const jobs = await host.listFailedJobs(repo, 42);
    expect(jobs).toEqual([
      { id: 2, name: "job 2", conclusion: "failure", url: "https://github.com/acme/shop/actions/runs/42/job/2", failedStep: "npm test" },
      { id: 3, name: "job 3", conclusion: "timed_out", url: "https://github.com/acme/shop/actions/runs/42/job/3", failedStep: null },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  test("an API error is CODE_HOST_FAILED naming the run and the status", async () => {
    nock(API).get("/repos/acme/shop/actions/runs/42/jobs").query(true).reply(404, { message: "Not Found" });
    const error = await host.listFailedJobs(repo, 42).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
    expect((error as Error).message).toBe("GitHub API call failed: list jobs of run 42 (status 404)");
  });
});

describe("readJobLogTail", () => {
  const LOGS = "https://pipelines.actions.githubusercontent.example";
  const log = Array.from({ length: 50 }, (_, i) => `2026-11-23T14:02:${String(i).padStart(2, "0")}.0000000Z line ${i + 1}`).join("\n");

  test("follows the redirect to the signed log URL on another host, without the token, and returns the tail", async () => {
    const api = nock(API, { reqheaders: { authorization: "token installation-token" } })
      .get("/repos/acme/shop/actions/jobs/7/logs")
      .reply(302, "", { location: `${LOGS}/logs/7?sig=abc` });
    const storage = nock(LOGS, { badheaders: ["authorization"] })
      .get("/logs/7")
      .query({ sig: "abc" })
      .reply(200, log, { "content-type": "text/plain" });
    const tail = await host.readJobLogTail(repo, 7, 100);
    expect(tail).toBe(log.slice(-100));
    expect(tail.endsWith("line 50")).toBe(true);
    expect(api.isDone() && storage.isDone()).toBe(true);
  });

  test("a short log is returned whole, also when served as bytes", async () => {
    nock(API).get("/repos/acme/shop/actions/jobs/7/logs").reply(302, "", { location: `${LOGS}/logs/7` });
    nock(LOGS).get("/logs/7").reply(200, Buffer.from("\ufeffonly line\n"), { "content-type": "application/octet-stream" });
    await expect(host.readJobLogTail(repo, 7, 1_000)).resolves.toBe("\ufeffonly line\n");
  });

  test("an expired log is CODE_HOST_FAILED", async () => {
    nock(API).get("/repos/acme/shop/actions/jobs/7/logs").reply(410, { message: "Gone" });
    const error = await host.readJobLogTail(repo, 7, 100).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
  });
});

describe("issues", () => {
  const needle = '"incident":"inc-0123456789ab"';
  const issue = (number: number, body: string | null, pr = false) => ({
    number,
    title: `#${number}`,
    body,
    html_url: `https://github.com/acme/shop/issues/${number}`,
    ...(pr ? { pull_request: { url: `${API}/repos/acme/shop/pulls/${number}` } } : {}),
  });

  test("findIssueByMarker lists issues in every state under the label, skips pull requests, and matches the needle", async () => {
    const marker = `<!-- agenticops:v1 {${needle},"kind":"incident-issue"} -->`;
    const page2 = `${API}/repositories/1/issues?labels=agenticops&state=all&per_page=100&page=2`;
    nock(API)
      .get("/repos/acme/shop/issues")
      .query({ labels: "agenticops", state: "all", per_page: "100" })
      .reply(200, [issue(9, `pr ${marker}`, true), issue(8, null), issue(7, "unrelated")], { link: `<${page2}>; rel="next"` })
      .get("/repositories/1/issues")
      .query({ labels: "agenticops", state: "all", per_page: "100", page: "2" })
      .reply(200, [issue(3, `body\n${marker}`)]);
    await expect(host.findIssueByMarker(repo, needle, "agenticops")).resolves.toEqual({
      number: 3,
      url: "https://github.com/acme/shop/issues/3",
      body: `body\n${marker}`,
    });
  });

  test("findIssueByMarker is null when no issue carries the needle", async () => {
    nock(API).get("/repos/acme/shop/issues").query(true).reply(200, [issue(1, "nothing here")]);
    await expect(host.findIssueByMarker(repo, needle, "agenticops")).resolves.toBeNull();
  });

  test("createIssue sends title, body and labels", async () => {
    let sent: unknown;
    nock(API)
      .post("/repos/acme/shop/issues", (b) => ((sent = b), true))
      .reply(201, issue(12, "the body"));
    const created = await host.createIssue(repo, { title: "[incident] x", body: "the body", labels: ["agenticops", "severity/high"] });
    expect(sent).toEqual({ title: "[incident] x", body: "the body", labels: ["agenticops", "severity/high"] });
    expect(created).toEqual({ number: 12, url: "https://github.com/acme/shop/issues/12", body: "the body" });
  });

  test("updateIssueBody sends only the body", async () => {
    let sent: unknown;
    const scope = nock(API)
      .patch("/repos/acme/shop/issues/12", (b) => ((sent = b), true))
      .reply(200, issue(12, "new body"));
    await host.updateIssueBody(repo, 12, "new body");
    expect(sent).toEqual({ body: "new body" });
    expect(scope.isDone()).toBe(true);
  });

  test("a rejected write is CODE_HOST_FAILED", async () => {
    nock(API).post("/repos/acme/shop/issues").reply(422, { message: "Validation Failed" });
    const error = await host.createIssue(repo, { title: "t", body: "b", labels: [] }).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
    expect((error as { details: { status: number } }).details.status).toBe(422);
  });
});
