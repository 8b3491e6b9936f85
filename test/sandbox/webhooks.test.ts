import { afterEach, describe, expect, test } from "@jest/globals";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { createNodeMiddleware, Probot, ProbotOctokit, type ApplicationFunction } from "probot";
import { deepMerge } from "../../src/sandbox/webhooks/deep-merge.js";
import { buildWebhookPayload } from "../../src/sandbox/webhooks/webhook-payloads.js";
import { deliverWebhook, newDeliveryId } from "../../src/sandbox/webhooks/webhook-delivery.js";

type Json = Record<string, any>;
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as {
  name: string;
  examples: Json[];
}[];
const examplesOf = (event: string) => examples.find((e) => e.name === event)?.examples ?? [];
/** The builder starts from the most complete (largest) example with the action. */
const richestExample = (event: string, action: string) =>
  examplesOf(event)
    .filter((e) => e.action === action)
    .sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0];

const BASE = "http://127.0.0.1:4010";
const owner = { login: "acme", id: 5001, node_id: "O_acme", type: "Organization", url: `${BASE}/api/v3/users/acme` };
const sender = {
  login: "dev-dana",
  id: 7007,
  node_id: "U_dana",
  type: "User",
  url: `${BASE}/api/v3/users/dev-dana`,
  html_url: `${BASE}/dev-dana`,
};
// A REST-shaped repository as the sandbox server would render it (only a subset of fields).
const repository = {
  id: 9001,
  node_id: "R_shop",
  name: "shop",
  full_name: "acme/shop",
  private: true,
  owner,
  html_url: `${BASE}/acme/shop`,
  url: `${BASE}/api/v3/repos/acme/shop`,
  default_branch: "main",
  clone_url: `${BASE}/acme/shop.git`,
  git_url: "git://127.0.0.1:4010/acme/shop.git",
  ssh_url: "git@127.0.0.1:acme/shop.git",
};
const SHA = "3f2a1c9e0d4b5a6978877665544332211ffeedd0";

describe("buildWebhookPayload", () => {
  const ctx = { repository, sender, installation: { id: 77 } };

  test("workflow_run: sandbox repo, installation and overrides, example fields kept", () => {
    const p = buildWebhookPayload("workflow_run", "completed", {
      ...ctx,
      overrides: { workflow_run: { head_sha: SHA, conclusion: "failure", head_branch: "main" } },
    });
    const example = richestExample("workflow_run", "completed");
    expect((p.workflow_run as Json).id).toBe(example?.workflow_run.id);

    expect(p.action).toBe("completed");
    expect(p.repository).toEqual(repository);
    expect(p.sender).toEqual(sender);
    expect(p.installation).toEqual({ id: 77, node_id: expect.any(String) });
    expect(Buffer.from(String((p.installation as Json).node_id), "base64").toString()).toBe(
      "023:IntegrationInstallation77",
    );
    expect(p).not.toHaveProperty("organization");

    const run = p.workflow_run as Json;
    expect(run).toMatchObject({ head_sha: SHA, conclusion: "failure", head_branch: "main" });
    for (const nested of [run.repository, run.head_repository]) {
      expect(nested).toMatchObject({ id: 9001, full_name: "acme/shop", owner, private: true });
      expect(Object.keys(nested)).toEqual(Object.keys(example?.workflow_run.repository));
    }
    expect(run.url).toBe(`${repository.url}/actions/runs/${run.id}`);
    expect(run.html_url).toBe(`${repository.html_url}/actions/runs/${run.id}`);
    expect(run.path).toBe(example?.workflow_run.path);
    expect(run.name).toBe(example?.workflow_run.name);
    expect(run.run_attempt).toBe(example?.workflow_run.run_attempt);
    expect(p.workflow).toMatchObject({ id: example?.workflow.id, path: example?.workflow.path });
    expect(run.actor).toMatchObject({ login: "dev-dana", events_url: `${sender.url}/events{/privacy}` });
    expect(run.pull_requests[0]?.head.repo).toEqual({ id: 9001, url: repository.url, name: "shop" });
    expect(JSON.stringify(p)).not.toMatch(/octo-org\/octo-repo|Codertocat\/Hello-World|users\/Codertocat/);
  });

  test("deployment_status: repository urls and creator follow the sandbox", () => {
    const p = buildWebhookPayload("deployment_status", "created", {
      ...ctx,
      organization: { login: "acme", id: 5001 },
      overrides: { deployment: { sha: SHA, environment: "staging" }, deployment_status: { state: "failure" } },
    });
    const example = richestExample("deployment_status", "created");
    expect((p.deployment_status as Json).updated_at).toBe(example?.deployment_status.updated_at);
    expect(p.organization).toEqual({ login: "acme", id: 5001 });
    const deployment = p.deployment as Json;
    const status = p.deployment_status as Json;
    expect(deployment).toMatchObject({ sha: SHA, environment: "staging", repository_url: repository.url });
    expect(deployment.url).toBe(`${repository.url}/deployments/${deployment.id}`);
    expect(deployment.statuses_url).toBe(`${repository.url}/deployments/${deployment.id}/statuses`);
    // the example's creator is a bot, not the sender: it is kept as is
    expect(deployment.creator.login).toBe(example?.deployment.creator.login);
    expect(status).toMatchObject({ state: "failure", repository_url: repository.url, id: example?.deployment_status.id });
    expect(status.description).toBe(example?.deployment_status.description);
  });

  test("action without an example falls back to the first one; unknown events throw", () => {
    const p = buildWebhookPayload("workflow_run", "in_progress", ctx);
    expect(p.action).toBe("in_progress");
    expect((p.workflow_run as Json).id).toBe(examplesOf("workflow_run")[0]?.workflow_run.id);
    const push = buildWebhookPayload("push", undefined, { ...ctx, overrides: { after: SHA } });
    expect(push).not.toHaveProperty("action");
    expect(push.after).toBe(SHA);
    expect(() => buildWebhookPayload("no_such_event", undefined, ctx)).toThrow('No example payload for webhook event "no_such_event"');
  });

  test.each([
    ["workflow_run", "requested"],
    ["workflow_job", "completed"],
    ["check_suite", "completed"],
    ["check_run", "completed"],
    ["issue_comment", "created"],
    ["issues", "opened"],
    ["pull_request", "opened"],
    ["pull_request_review", "submitted"],
    ["repository_dispatch", "on-demand-test"],
    ["push", undefined],
  ])("%s %s points at the sandbox repository only", (event, action) => {
    const p = buildWebhookPayload(event, action, ctx);
    expect(p.action).toBe(action);
    expect(p.repository).toEqual(repository);
    expect(p.installation).toMatchObject({ id: 77 });
    expect(JSON.stringify(p)).not.toMatch(/api\.github\.com\/repos\/|github\.com\/Codertocat\/Hello-World/);
  });

  test("deepMerge replaces arrays and merges objects", () => {
    expect(deepMerge({ a: [1, 2], b: { c: 1, d: 2 }, e: 1 }, { a: [3], b: { c: 5 }, e: undefined, f: null })).toEqual({
      a: [3],
      b: { c: 5, d: 2 },
      e: 1,
      f: null,
    });
  });
});

const servers: Server[] = [];
const listen = async (handler: RequestListener): Promise<string> => {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("deliverWebhook", () => {
  test("sends GitHub's headers and signatures", async () => {
    let headers: IncomingHttpHeaders = {};
    let raw = "";
    const url = await listen(async (req, res) => {
      headers = req.headers;
      for await (const chunk of req) raw += chunk;
      res.writeHead(202).end("queued");
    });
    const id = newDeliveryId();
    const result = await deliverWebhook({ url, secret: "s3cret", hookId: 42, appId: 123 }, { id, event: "push", payload: { a: 1 } });
    expect(result).toMatchObject({ status: 202, body: "queued" });
    expect(raw).toBe('{"a":1}');
    expect(headers).toMatchObject({
      "content-type": "application/json",
      "x-github-event": "push",
      "x-github-delivery": id,
      "x-github-hook-id": "42",
      "x-github-hook-installation-target-type": "integration",
      "x-github-hook-installation-target-id": "123",
      "x-hub-signature-256": `sha256=${createHmac("sha256", "s3cret").update(raw).digest("hex")}`,
      "x-hub-signature": `sha1=${createHmac("sha1", "s3cret").update(raw).digest("hex")}`,
    });
    expect(headers["user-agent"]).toMatch(/^GitHub-Hookshot\/[0-9a-f]+$/);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test("a real Probot app accepts the delivery, and rejects a wrong secret", async () => {
    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const probot = new Probot({
      appId: 123,
      privateKey,
      secret: "s3cret",
      logLevel: "fatal",
      Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    });
    const received: { id: string; name: string; payload: unknown }[] = [];
    const app: ApplicationFunction = (a) => {
      a.on("workflow_run.completed", async (context) => {
        received.push({ id: context.id, name: context.name, payload: context.payload });
      });
    };
    const middleware = await createNodeMiddleware(app, { probot, webhooksPath: "/api/github/webhooks" });
    const base = await listen((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
    const url = `${base}/api/github/webhooks`;
    const payload = buildWebhookPayload("workflow_run", "completed", {
      repository,
      sender,
      installation: { id: 77 },
      overrides: { workflow_run: { head_sha: SHA, conclusion: "failure" } },
    });
    const id = newDeliveryId();

    const ok = await deliverWebhook({ url, secret: "s3cret" }, { id, event: "workflow_run", payload });
    expect(ok.status).toBe(200);
    expect(received).toEqual([{ id, name: "workflow_run", payload }]);

    const rejected = await deliverWebhook({ url, secret: "wrong" }, { id: newDeliveryId(), event: "workflow_run", payload });
    expect(rejected.status).toBeGreaterThanOrEqual(400);
    expect(rejected.body).toMatch(/signature/i);
    expect(received).toHaveLength(1);
  });

  test("an unreachable target raises a typed error", async () => {
    const url = await listen((_req, res) => res.end());
    await new Promise((resolve) => servers.pop()?.close(resolve));
    await expect(deliverWebhook({ url, secret: "s" }, { id: newDeliveryId(), event: "push", payload: {} })).rejects.toMatchObject({
      code: "SANDBOX_FAILED",
    });
  });
});
