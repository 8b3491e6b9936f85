import { afterEach, beforeEach, expect, test } from "@jest/globals";
import nock from "nock";
import type { Probot } from "probot";
import { nockedProbot, restoreNock } from "./support/nocked-probot.js";
import { workflowRunPayload } from "../unit/support/workflow-run-payload.js";

const API = "https://api.github.com";
const CONFIG = "/repos/octo-org/octo-repo/contents/.github%2Fagenticops.yml";
const payload = workflowRunPayload({ name: "deploy", path: ".github/workflows/deploy.yml", conclusion: "failure" }, { installation: { id: 2 } });

let probot: Probot;
beforeEach(async () => {
  probot = await nockedProbot({ clock: { now: () => new Date("2026-11-23T14:05:00.000Z") }, dryRun: false });
});
afterEach(restoreNock);

/** The config read answered with `status`, after the token exchange (Probot caches the token after the first). */
const configRead = (status: number, firstCall = true) => {
  const scope = nock(API);
  if (firstCall) scope.post("/app/installations/2/access_tokens").reply(200, { token: "installation-token", expires_at: "2099-01-01T00:00:00Z" });
  return scope.get(CONFIG).reply(status, "Bad Gateway");
};
const deliver = () => probot.receive({ name: "workflow_run", id: "delivery-1", payload } as never);

test("a delivery that failed on a GitHub outage is handled when GitHub redelivers it with the same id", async () => {
  const outage = configRead(502);
  await expect(deliver()).rejects.toThrow();
  expect(outage.pendingMocks()).toEqual([]);

  // the redelivery reads the config again instead of being dropped as a duplicate
  const redelivery = configRead(404, false).get("/repos/octo-org/.github/contents/.github%2Fagenticops.yml").reply(404, { message: "Not Found" });
  await deliver();
  expect(redelivery.pendingMocks()).toEqual([]);
});

test("a delivery that was handled is still dropped when delivered again", async () => {
  const first = configRead(404).get("/repos/octo-org/.github/contents/.github%2Fagenticops.yml").reply(404, { message: "Not Found" });
  await deliver();
  expect(first.pendingMocks()).toEqual([]);
  const unmatched: unknown[] = [];
  const record = (req: unknown) => void unmatched.push(req);
  nock.emitter.on("no match", record);
  await deliver();
  nock.emitter.removeListener("no match", record);
  expect(unmatched).toEqual([]);
});
