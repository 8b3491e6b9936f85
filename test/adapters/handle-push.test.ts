import { afterEach, beforeEach, expect, test } from "@jest/globals";
import nock from "nock";
import type { Probot } from "probot";
import { nockedProbot, restoreNock } from "./support/nocked-probot.js";

const API = "https://api.github.com";
const REPO = "/repos/acme/shop";
const BRANCH = "agenticops/inc-0123456789ab";

let probot: Probot;
beforeEach(async () => {
  probot = await nockedProbot({ clock: { now: () => new Date("2026-11-23T14:05:00Z") }, dryRun: false, app: { id: 77, slug: "agenticops" } });
});
afterEach(restoreNock);

const push = (ref: string, sender: { login: string; type: string }) =>
  probot.receive({
    name: "push",
    id: `push-${Math.random()}`,
    payload: { ref, after: "a".repeat(40), deleted: false, sender, repository: { name: "shop", owner: { login: "acme" } }, installation: { id: 2 } },
  } as never);

test("a human push to the bot's branch hands the open pull request over with one comment", async () => {
  let comment: { body: string } | undefined;
  const gh = nock(API)
    .post("/app/installations/2/access_tokens")
    .reply(200, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
    .get(`${REPO}/pulls`)
    .query({ head: `acme:${BRANCH}`, state: "all", per_page: "10" })
    .reply(200, [{ number: 4, html_url: "https://github.com/acme/shop/pull/4", state: "open", merged_at: null, head: { sha: "a".repeat(40) }, body: "" }])
    .get(`${REPO}/issues/4/comments`)
    .query(true)
    .reply(200, [])
    .post(`${REPO}/issues/4/comments`, (b) => ((comment = b), true))
    .reply(201, {});
  await push(`refs/heads/${BRANCH}`, { login: "dana", type: "User" });
  expect(gh.pendingMocks()).toEqual([]);
  expect(comment?.body).toContain("@dana pushed aaaaaaa to `agenticops/inc-0123456789ab`");
  expect(comment?.body).toContain('<!-- agenticops:v1 {"incident":"inc-0123456789ab","kind":"handover-comment"} -->');
});

test("the bot's own push, and pushes to other branches, cause no API call at all", async () => {
  const unmatched: unknown[] = [];
  const record = (req: unknown) => void unmatched.push(req);
  nock.emitter.on("no match", record);
  await push(`refs/heads/${BRANCH}`, { login: "agenticops[bot]", type: "Bot" });
  await push("refs/heads/main", { login: "dana", type: "User" });
  await push("refs/heads/agenticops/not-an-incident", { login: "dana", type: "User" });
  nock.emitter.removeListener("no match", record);
  expect(unmatched).toEqual([]);
});
