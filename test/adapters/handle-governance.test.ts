import { afterEach, beforeEach, expect, test } from "@jest/globals";
import nock from "nock";
import type { Probot } from "probot";
import { nockedProbot, restoreNock } from "./support/nocked-probot.js";
import { readMarker, renderMarker } from "../../src/core/render/hidden-marker.js";

const API = "https://api.github.com";
const REPO = "/repos/acme/shop";
const INCIDENT = "inc-0123456789ab";
const BRANCH = `agenticops/${INCIDENT}`;
const SHA = "a".repeat(40);

let probot: Probot;
beforeEach(async () => {
  probot = await nockedProbot({ clock: { now: () => new Date("2026-11-23T14:05:00Z") }, dryRun: false, app: { id: 77, slug: "agenticops" } });
});
afterEach(restoreNock);

const body = `Roll back.\n\n${renderMarker({ incident: INCIDENT, kind: "rollback-pr" })}`;
const pullPayload = (over: Record<string, unknown> = {}) => ({
  number: 4,
  state: "closed",
  merged: false,
  closed_at: "2026-11-23T15:00:00Z",
  head: { ref: BRANCH, sha: SHA },
  body,
  user: { login: "agenticops[bot]" },
  ...over,
});
const receive = (name: string, payload: Record<string, unknown>) =>
  probot.receive({ name, id: `d-${Math.random()}`, payload: { ...payload, repository: { name: "shop", owner: { login: "acme" } }, installation: { id: 2 } } } as never);

test("events about pull requests or checks that are not the bot's are dropped without an API call", async () => {
  // every API call starts with the installation token: it must never be asked for
  const token = nock(API).post("/app/installations/2/access_tokens").reply(200, { token: "t", expires_at: "2099-01-01T00:00:00Z" });
  await receive("pull_request_review", { action: "submitted", review: { state: "approved", user: { login: "dana" } }, pull_request: pullPayload({ head: { ref: "feature/x", sha: SHA } }), sender: { login: "dana" } });
  await receive("pull_request", { action: "closed", pull_request: pullPayload({ user: { login: "mallory" } }), sender: { login: "mallory" } });
  await receive("check_run", { action: "completed", check_run: { name: "agenticops/policy", head_sha: SHA, app: { slug: "agenticops" }, pull_requests: [{ number: 4, head: { ref: BRANCH } }] }, sender: { login: "agenticops[bot]" } });
  await receive("status", { sha: SHA, context: "ci/jenkins", state: "success", branches: [{ name: "main" }], sender: { login: "jenkins" } });
  expect(token.isDone()).toBe(false);
});

test("closing the bot's pull request unmerged is recorded: the override label and one marked comment", async () => {
  let label: unknown;
  let comment: { body: string } | undefined;
  const gh = nock(API)
    .post("/app/installations/2/access_tokens")
    .reply(200, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
    .get(`${REPO}/pulls/4`)
    .reply(200, { ...pullPayload(), html_url: "https://github.com/acme/shop/pull/4", title: "Roll back", merged_at: null, draft: false, base: { ref: "main" }, labels: [{ name: "agenticops" }] })
    .get(`${REPO}/issues/4/comments`)
    .query(true)
    .reply(200, [])
    .post(`${REPO}/issues/4/labels`, (b) => ((label = b), true))
    .reply(200, [])
    .post(`${REPO}/issues/4/comments`, (b) => ((comment = b), true))
    .reply(201, { id: 9, html_url: "https://github.com/acme/shop/pull/4#issuecomment-9", body: "" });
  await receive("pull_request", { action: "closed", pull_request: pullPayload(), sender: { login: "dana" } });
  expect(gh.pendingMocks()).toEqual([]);
  expect(label).toEqual({ labels: ["agenticops/overridden"] });
  expect(readMarker(comment?.body)).toEqual({ incident: INCIDENT, kind: "override-comment", overrides: [{ kind: "closed-unmerged", by: "dana", at: "2026-11-23T15:00:00Z", sha: SHA }] });
});
