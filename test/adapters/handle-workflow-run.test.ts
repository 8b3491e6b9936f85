import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { generateKeyPairSync } from "node:crypto";
import { Writable } from "node:stream";
import nock from "nock";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createApp } from "../../src/app/create-app.js";
import { workflowRunPayload } from "../unit/support/workflow-run-payload.js";

const API = "https://api.github.com";
const LOGS = "https://pipelines.actions.githubusercontent.example";
const REPO = "/repos/octo-org/octo-repo";
const CONFIG = "/contents/.github%2Fagenticops.yml";
const RUN_ID = 289782451;
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const clock = { now: () => new Date("2026-11-23T14:05:00.000Z") };
const payload = workflowRunPayload(
  { name: "deploy", path: ".github/workflows/deploy.yml", conclusion: "failure" },
  { installation: { id: 2 } },
);
const log = [
  "\ufeff2026-11-23T14:02:01.0000000Z ##[group]Run kubectl rollout status deploy/shop",
  '2026-11-23T14:04:02.0000000Z error: deployment "shop" exceeded its progress deadline',
  "2026-11-23T14:04:02.2000000Z ##[error]Process completed with exit code 1.",
  "",
].join("\n");

let probot: Probot;
let logged: Array<{ level: number; msg: string; [key: string]: unknown }>;
beforeEach(async () => {
  nock.disableNetConnect();
  logged = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logged.push(JSON.parse(line));
      done();
    },
  });
  probot = new Probot({
    appId: 123,
    privateKey,
    log: pino({ level: "debug" }, sink),
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  await probot.load(createApp({ clock, dryRun: false }), { cwd: process.cwd(), addHandler: () => {} });
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const deliver = () => probot.receive({ name: "workflow_run", id: "delivery-1", payload } as never);
/** The token exchange, then the config file as the config plugin asks for it: raw, from the default branch. */
const github = (config: { status: number; body: string }) =>
  nock(API)
    .post("/app/installations/2/access_tokens")
    .reply(200, { token: "installation-token", expires_at: "2099-01-01T00:00:00Z" })
    .get(`${REPO}${CONFIG}`)
    .matchHeader("accept", /application\/vnd\.github\.v3\.raw/)
    .query((q) => Object.keys(q).length === 0)
    .reply(config.status, config.body, { "content-type": "text/plain; charset=utf-8" });

describe("workflow_run.completed handled by the Probot app", () => {
  test("a failed workflow that is not a deploy gets one diagnosis comment on its commit, no issue and no rollback", async () => {
    const sha = payload.workflow_run.head_sha as string;
    let created: { body: string } | undefined;
    const gh = github({ status: 200, body: "version: 1\ndeploys:\n  - workflow: release\n    environment: production\n" })
      .get(`${REPO}/actions/runs/${RUN_ID}/jobs`)
      .query({ filter: "latest", per_page: "100" })
      .reply(200, {
        total_count: 1,
        jobs: [{ id: 7, name: "rollout", conclusion: "failure", html_url: "https://github.com/octo-org/octo-repo/actions/runs/289782451/job/7", steps: [{ name: "kubectl rollout", conclusion: "failure", number: 1 }] }],
      })
      .get(`${REPO}/actions/jobs/7/logs`)
      .reply(302, "", { location: `${LOGS}/job/7?sig=x` })
      .get(`${REPO}/commits/${sha}/comments`)
      .query({ per_page: "100" })
      .reply(200, [])
      .post(`${REPO}/commits/${sha}/comments`, (b) => ((created = b), true))
      .reply(201, { id: 11, html_url: `https://github.com/octo-org/octo-repo/commit/${sha}#commitcomment-11`, body: "" })
      // the repository's own runbooks, read for CI-failure runbooks (it has none)
      .get(`${REPO}/contents/.github%2Fagenticops%2Frunbooks`)
      .query(true)
      .reply(404, { message: "Not Found" });
    const logs = nock(LOGS).get("/job/7").query({ sig: "x" }).reply(200, log, { "content-type": "text/plain" });

    await deliver();

    expect(gh.pendingMocks()).toEqual([]);
    expect(logs.isDone()).toBe(true);
    expect(created?.body).toMatch(/^\[`deploy`\]\(https:\/\/github\.com\/octo-org\/octo-repo\/actions\/runs\/\d+\) failed at `3484a3f` on `master`: \*\*deploy-health\*\*/);
    expect(created?.body).toMatch(/```text\n(?:.*\n)*error: deployment "shop" exceeded its progress deadline\n(?:.*\n)*```/);
    expect(created?.body).toMatch(/<!-- agenticops:v1 \{"incident":"inc-[0-9a-f]{12}","kind":"diagnosis-comment"\} -->$/);
    expect(logged.find((l) => l.msg === "failure reported")).toMatchObject({ outcome: "reported", delivery: "delivery-1" });
  });

  test("kill_switch: true in the config: nothing is read beyond the config and nothing is written", async () => {
    const gh = github({ status: 200, body: "version: 1\nkill_switch: true\ndeploys:\n  - workflow: deploy\n    environment: production\n" });
    await deliver();
    expect(gh.pendingMocks()).toEqual([]);
    expect(logged.find((l) => l.msg.startsWith("kill_switch is on"))).toMatchObject({ delivery: "delivery-1" });
  });

  test("without .github/agenticops.yml in the repository or the org's .github repository, nothing is written", async () => {
    const gh = github({ status: 404, body: "Not Found" })
      .get(`/repos/octo-org/.github${CONFIG}`)
      .reply(404, { message: "Not Found" });
    await deliver();
    expect(gh.pendingMocks()).toEqual([]);
    expect(logged.some((l) => l.msg.includes("no .github/agenticops.yml"))).toBe(true);
  });

  test.each([
    ["a schema error", "version: 1\nmode: yolo\n", /mode/],
    ["an unknown key", "version: 1\ndeploy:\n  - workflow: deploy\n", /deploy/],
    ["invalid YAML", "deploys: [\n  - workflow: deploy\n", /invalid YAML.*line 2, column 3/],
    ["a scalar", "just words\n", /not an object/],
  ])("a config with %s writes nothing and logs an error", async (_case, body, problem) => {
    const gh = github({ status: 200, body });
    await deliver();
    expect(gh.pendingMocks()).toEqual([]);
    const error = logged.find((l) => l.level === 50);
    expect(error?.msg).toBe("repository config invalid; nothing done");
    expect(JSON.stringify(error)).toMatch(problem);
  });

  test("a GitHub failure while reading the config fails the delivery, so GitHub can redeliver it", async () => {
    const gh = github({ status: 502, body: "Bad Gateway" });
    await expect(deliver()).rejects.toThrow();
    expect(gh.pendingMocks()).toEqual([]);
  });

  test("a successful run is ignored after reading the config, with no further calls", async () => {
    const success = { ...payload, workflow_run: { ...payload.workflow_run, conclusion: "success" } };
    const gh = github({ status: 200, body: "version: 1\n" });
    await probot.receive({ name: "workflow_run", id: "delivery-2", payload: success } as never);
    expect(gh.pendingMocks()).toEqual([]);
    expect(logged.find((l) => l.msg === "not a failure to act on")).toMatchObject({ reason: "conclusion success is not a failure" });
  });
});
