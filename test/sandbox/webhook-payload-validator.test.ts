import { beforeAll, describe, expect, test } from "@jest/globals";
import { createRequire } from "node:module";
import { buildWebhookPayload } from "../../src/sandbox/webhooks/webhook-payloads.js";
import { WebhookPayloadValidator } from "../../src/sandbox/webhooks/webhook-payload-validator.js";

type Json = Record<string, any>;
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as { name: string; examples: Json[] }[];
const BASE = "http://127.0.0.1:4010/api/v3";

// A webhook-complete repository for the sandbox: GitHub's own example, renamed.
const example = examples.find((e) => e.name === "push")?.examples[0] as Json;
const repository = {
  ...example.repository,
  id: 9001,
  name: "shop",
  full_name: "acme/shop",
  url: `${BASE}/repos/acme/shop`,
  html_url: "http://127.0.0.1:4010/acme/shop",
  created_at: "2026-01-01T00:00:00Z",
  pushed_at: "2026-01-02T00:00:00Z",
  has_discussions: false,
  topics: [],
  visibility: "private",
};
const sender = { ...example.sender, login: "dev-dana", id: 7007, url: `${BASE}/users/dev-dana` };

let validator: WebhookPayloadValidator;
beforeAll(async () => {
  validator = await WebhookPayloadValidator.load();
});

describe("WebhookPayloadValidator", () => {
  test("a built workflow_run.completed payload matches GitHub's schema; a broken one does not", () => {
    const payload = buildWebhookPayload("workflow_run", "completed", {
      repository,
      sender,
      installation: { id: 77 },
      overrides: { workflow_run: { head_sha: "3f2a1c9e0d4b5a6978877665544332211ffeedd0", conclusion: "failure" } },
    });
    expect(validator.validate("workflow_run", "completed", payload)).toEqual([]);

    const broken = { ...payload, workflow_run: { ...(payload.workflow_run as Json), conclusion: "exploded" } };
    const problems = validator.validate("workflow_run", "completed", broken);
    expect(problems.map((p) => p.path)).toContain("/workflow_run/conclusion");
  });

  test("repository_dispatch falls back to its single documented schema; unknown events throw", () => {
    const payload = buildWebhookPayload("repository_dispatch", "deploy-failed", { repository, sender, installation: { id: 77 } });
    expect(payload.action).toBe("deploy-failed");
    expect(validator.validate("repository_dispatch", "deploy-failed", payload)).toEqual([]);
    expect(validator.validate("repository_dispatch", "deploy-failed", { ...payload, branch: 42 })).not.toEqual([]);
    expect(() => validator.validate("no_such_event", undefined, {})).toThrow("GitHub documents no webhook schema");
  });
});
