import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { octokitChangePublisher } from "../../src/adapters/github/octokit-change-publisher.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import type { ChangePublisher, CheckRunWrite } from "../../src/ports/change-publisher.js";

const API = "https://api.github.com";
const R = "/repos/acme/shop";
const repo = { owner: "acme", name: "shop" };
const Octokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });
const SHA = "c".repeat(40);
const APP_ID = 99;
const check: CheckRunWrite = { name: "agenticops/policy", headSha: SHA, conclusion: "action_required", title: "Needs 1 more approval", summary: "**Verdict:** needs-approval", text: "<!-- record -->" };
const run = (id: number, appId: number, change: Record<string, unknown> = {}) => ({
  id,
  head_sha: SHA,
  name: "agenticops/policy",
  status: "completed",
  conclusion: "action_required",
  app: { id: appId, slug: appId === APP_ID ? "agenticops" : "impostor" },
  output: { title: check.title, summary: check.summary, text: check.text, annotations_count: 0 },
  ...change,
});
const listing = (runs: unknown[]) =>
  nock(API).get(`${R}/commits/${SHA}/check-runs`).query({ check_name: "agenticops/policy", filter: "latest", per_page: "10", app_id: String(APP_ID) }).reply(200, { total_count: runs.length, check_runs: runs });

let publisher: ChangePublisher;
let sent: Record<string, unknown>[];
const capture = (body: Record<string, unknown>) => {
  sent.push(body);
  return true;
};
beforeEach(() => {
  nock.disableNetConnect();
  sent = [];
  publisher = octokitChangePublisher(new Octokit({ auth: { token: "installation-token" } }), { appId: APP_ID });
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("ensureCheckRun", () => {
  test("creates the check run, completed with its output, when the bot has none on the commit", async () => {
    listing([]);
    const created = nock(API).post(`${R}/check-runs`, capture).reply(201, run(7, APP_ID));
    await expect(publisher.ensureCheckRun(repo, check)).resolves.toEqual({ id: 7, kind: "created" });
    expect(created.isDone()).toBe(true);
    expect(sent).toEqual([{ name: "agenticops/policy", head_sha: SHA, status: "completed", conclusion: "action_required", output: { title: check.title, summary: check.summary, text: check.text } }]);
  });

  test("updates its own run in place when the conclusion or output changed", async () => {
    listing([run(7, APP_ID, { conclusion: "success" })]);
    const updated = nock(API).patch(`${R}/check-runs/7`, capture).reply(200, run(7, APP_ID));
    await expect(publisher.ensureCheckRun(repo, check)).resolves.toEqual({ id: 7, kind: "updated" });
    expect(updated.isDone()).toBe(true);
    expect(sent[0]).toMatchObject({ status: "completed", conclusion: "action_required", output: { title: check.title } });
  });

  test("writes nothing when its run already says the same", async () => {
    const scope = listing([run(7, APP_ID)]);
    await expect(publisher.ensureCheckRun(repo, check)).resolves.toEqual({ id: 7, kind: "unchanged" });
    expect(scope.isDone()).toBe(true);
  });

  test("a run of the same name by another app is not the bot's: the bot creates its own", async () => {
    listing([run(5, 12345, { conclusion: "success" })]);
    nock(API).post(`${R}/check-runs`, capture).reply(201, run(8, APP_ID));
    await expect(publisher.ensureCheckRun(repo, check)).resolves.toEqual({ id: 8, kind: "created" });
  });

  test("a failed write is a typed CODE_HOST_FAILED naming the call", async () => {
    listing([]);
    nock(API).post(`${R}/check-runs`).reply(403, { message: "Resource not accessible by integration" });
    const error = await publisher.ensureCheckRun(repo, check).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
    expect((error as Error).message).toBe("GitHub API call failed: create check run agenticops/policy (status 403)");
  });
});
