import { afterEach, beforeEach, expect, test } from "@jest/globals";
import nock from "nock";
import { AgenticOpsOctokit } from "../../src/adapters/github/agenticops-octokit.js";
import { WriteLedger } from "../../src/core/act/write-ledger.js";

const API = "https://api.github.com";
let warnings: string[];
const octokit = () =>
  new AgenticOpsOctokit({
    // a plain installation token: octokit-auth-probot's strategy passes `{ token }` through as token auth
    auth: { token: "installation-token" },
    retry: { enabled: false },
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => void warnings.push(m), error: () => undefined },
  });

beforeEach(() => {
  nock.disableNetConnect();
  warnings = [];
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

test("a secondary rate limit with a short retry-after is waited out and the GET retried once", async () => {
  const scope = nock(API, { reqheaders: { authorization: "token installation-token" } })
    .get("/repos/acme/shop/pulls")
    .reply(403, { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." }, { "retry-after": "1" })
    .get("/repos/acme/shop/pulls")
    .reply(200, [{ number: 1 }]);
  const started = Date.now();
  const { data } = await octokit().rest.pulls.list({ owner: "acme", repo: "shop" });
  expect(data).toEqual([{ number: 1 }]);
  expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  expect(scope.isDone()).toBe(true);
  expect(warnings).toEqual(["secondary rate limit on GET /repos/{owner}/{repo}/pulls: retrying in 1 s"]);
});

test("a primary rate limit that resets in an hour is not waited for: the call fails at once", async () => {
  const reset = Math.floor(Date.now() / 1000) + 3600;
  const scope = nock(API)
    .get("/repos/acme/shop/pulls")
    .reply(403, { message: "API rate limit exceeded for installation ID 2." }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) });
  const unmatched: unknown[] = [];
  const record = (req: unknown) => void unmatched.push(req);
  nock.emitter.on("no match", record);
  const started = Date.now();
  const error = await octokit()
    .rest.pulls.list({ owner: "acme", repo: "shop" })
    .catch((e: unknown) => e);
  nock.emitter.removeListener("no match", record);
  expect((error as { status?: number }).status).toBe(403);
  expect(Date.now() - started).toBeLessThan(500);
  expect(scope.isDone()).toBe(true);
  expect(unmatched).toEqual([]);
  expect(warnings).toEqual(["primary rate limit on GET /repos/{owner}/{repo}/pulls: giving up"]);
});

test("writes are paced by the per-minute budget, not spaced a second apart", async () => {
  const scope = nock(API).post("/repos/acme/shop/issues/1/comments").times(3).reply(201, { id: 1 });
  const client = octokit();
  const started = Date.now();
  for (const body of ["one", "two", "three"]) await client.rest.issues.createComment({ owner: "acme", repo: "shop", issue_number: 1, body });
  expect(Date.now() - started).toBeLessThan(500);
  expect(scope.isDone()).toBe(true);
});

test("an installation client counts its writes, not its reads, in the write ledger", async () => {
  const scope = nock(API)
    .get("/repos/acme/shop/issues/1")
    .reply(200, { number: 1 })
    .post("/repos/acme/shop/issues/1/comments")
    .reply(201, { id: 1 })
    .patch("/repos/acme/shop/issues/1")
    .reply(200, { number: 1 });
  const ledger = new WriteLedger({ now: () => new Date("2026-11-23T14:00:00Z") });
  const client = new AgenticOpsOctokit({ auth: { token: "installation-token", installationId: 7 }, writeLedger: ledger, retry: { enabled: false } });
  await client.rest.issues.get({ owner: "acme", repo: "shop", issue_number: 1 });
  await client.rest.issues.createComment({ owner: "acme", repo: "shop", issue_number: 1, body: "one" });
  await client.rest.issues.update({ owner: "acme", repo: "shop", issue_number: 1, body: "two" });
  expect(scope.isDone()).toBe(true);
  expect(ledger.total(7)).toBe(2);
  expect(ledger.times(7)).toEqual([Date.parse("2026-11-23T14:00:00Z"), Date.parse("2026-11-23T14:00:00Z")]);
});

test("the write pacer is per GitHub host: a minute's budget spent on one server does not hold up another", async () => {
  const GHE = "http://ghe.example.test/api/v3";
  const at = (baseUrl: string) =>
    // an installation no other test here writes as, so its minute starts with the full budget
    new AgenticOpsOctokit({ baseUrl, auth: { token: "installation-token", installationId: 8 }, retry: { enabled: false }, log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } });
  const spent = nock(API).post("/repos/acme/shop/issues/1/labels").times(80).reply(200, []);
  const first = at(API);
  for (let i = 0; i < 80; i += 1) await first.rest.issues.addLabels({ owner: "acme", repo: "shop", issue_number: 1, labels: ["x"] });
  expect(spent.isDone()).toBe(true);
  // the same installation id on another server: paced separately, so this write goes out now
  const other = nock(GHE).post("/repos/acme/shop/issues/1/labels").reply(200, []);
  await at(GHE).rest.issues.addLabels({ owner: "acme", repo: "shop", issue_number: 1, labels: ["x"] });
  expect(other.isDone()).toBe(true);
});
