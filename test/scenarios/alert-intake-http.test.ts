import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Sandbox } from "../../src/sandbox/sandbox-server.js";
import { AlertRoutes } from "../../src/schemas/alert-routes.js";
import { alertNotificationId } from "../../src/core/sense/alerts/alert-identity.js";
import { BASIC, TOKENS, bearer, credentials, journalText, postJson, recordingSink, send, startIntakeProcess, type IntakeProcess } from "./support/alert-intake-process.js";

const fixture = (name: string): Promise<string> => readFile(new URL(`../fixtures/alerts/${name}`, import.meta.url), "utf8");
const routes = AlertRoutes.parse({
  routes: [
    { name: "shop", match: { service: "shop" }, repository: "acme/shop" },
    { name: "cart", match: { namespace: { regex: "cart-.*" } }, repository: "acme/cart" },
  ],
});

let sandbox: Sandbox;
let dir: string;
let proc: IntakeProcess;
let recorder: ReturnType<typeof recordingSink>;

beforeAll(async () => {
  sandbox = await Sandbox.start();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alert-intake-"));
  recorder = recordingSink();
  proc = await startIntakeProcess(sandbox, { credentials: credentials(), maxBodyBytes: 4096, journalDir: dir, routes, sink: () => recorder.sink });
});
afterEach(async () => {
  await proc.stop();
  await rm(dir, { recursive: true, force: true });
});

const warnings = () => proc.logs.filter((l) => l.level === 40);

describe("a valid post", () => {
  test("is answered 202 with its id, split per repository, handed to the sink after the answer, and the journal emptied", async () => {
    const body = await fixture("alertmanager-v4.json");
    const answer = await postJson(proc.origin, "/alerts/alertmanager", body, bearer(TOKENS[0]!));
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ accepted: true, id: alertNotificationId("alertmanager", body), alerts: 2 });
    await proc.intake.settled();
    expect(recorder.calls.map((n) => [n.repo.name, n.route, n.groupKey, n.alerts.length])).toEqual([
      ["shop", "shop", '{}/{severity="critical"}:{alertname="HighErrorRate"}@acme/shop#shop', 1],
      ["cart", "cart", '{}/{severity="critical"}:{alertname="HighErrorRate"}@acme/cart#cart', 1],
    ]);
    expect(await journalText(dir)).toBe("");
  });

  test("basic auth (Alertmanager http_config.basic_auth) and a charset are accepted; Grafana may PUT", async () => {
    const basic = { authorization: `Basic ${Buffer.from(BASIC).toString("base64")}` };
    const am = await postJson(proc.origin, "/alerts/alertmanager", await fixture("alertmanager-v4.json"), { ...basic, "content-type": "application/json; charset=UTF-8" });
    expect(am.status).toBe(202);
    const grafana = await send(proc.origin, "/alerts/grafana", { method: "PUT", headers: { "content-type": "application/json", ...bearer(TOKENS[1]!) }, body: await fixture("grafana-v1.json") });
    expect(grafana.status).toBe(202);
  });

  test("alerts no route matches are accepted, logged as an error with their labels, and go nowhere", async () => {
    const body = JSON.stringify({ alerts: [{ name: "DiskFull", labels: { service: "search", host: "db-3" } }] });
    expect((await postJson(proc.origin, "/alerts/generic", body, bearer(TOKENS[0]!))).status).toBe(202);
    await proc.intake.settled();
    expect(recorder.calls).toEqual([]);
    const error = proc.logs.find((l) => l.level === 50);
    expect(error).toMatchObject({ msg: "no route for alerts; accepted and not forwarded", labels: [{ alertname: "DiskFull", service: "search", host: "db-3" }] });
    expect(await journalText(dir)).toBe("");
  });
});

describe("refusals, in the order the checks run", () => {
  test("405 with Allow for a wrong method, before anything else", async () => {
    const get = await send(proc.origin, "/alerts/alertmanager", { method: "GET" });
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    const grafana = await send(proc.origin, "/alerts/grafana", { method: "DELETE" });
    expect([grafana.status, grafana.headers.get("allow")]).toEqual([405, "POST, PUT"]);
  });

  test("404 for an unknown alert route; other paths are left to Probot", async () => {
    const unknown = await postJson(proc.origin, "/alerts/nagios", "{}", bearer(TOKENS[0]!));
    expect(unknown.status).toBe(404);
    expect(unknown.body?.error).toContain("/alerts/alertmanager, /alerts/grafana, /alerts/generic");
    // not ours: the harness' own 404, without the alert routes' JSON
    const other = await postJson(proc.origin, "/alertsfoo", "{}", bearer(TOKENS[0]!));
    expect([other.status, other.body]).toEqual([404, null]);
  });

  test("401 with WWW-Authenticate, nothing journaled, only a warning without the credential", async () => {
    const body = await fixture("alertmanager-v4.json");
    const none = await postJson(proc.origin, "/alerts/alertmanager", body);
    const wrong = await postJson(proc.origin, "/alerts/alertmanager", body, bearer("alert-token-stolen-000000"));
    const wrongBasic = await postJson(proc.origin, "/alerts/alertmanager", body, { authorization: `Basic ${Buffer.from("alertmanager:guess-password").toString("base64")}` });
    expect([none.status, wrong.status, wrongBasic.status]).toEqual([401, 401, 401]);
    expect(none.headers.get("www-authenticate")).toContain('Bearer realm="agenticops-alerts"');
    expect(none.headers.get("www-authenticate")).toContain("Basic realm=");
    expect(none.body).toEqual({ error: "not authenticated" });
    await proc.intake.settled();
    expect(recorder.calls).toEqual([]);
    expect(await journalText(dir)).toBe("");
    expect(proc.logs.filter((l) => l.level >= 40).map((l) => [l.level, l.reason])).toEqual([
      [40, "no credentials"],
      [40, "invalid bearer token"],
      [40, "invalid basic credentials"],
    ]);
    expect(JSON.stringify(proc.logs)).not.toMatch(/stolen|guess-password|HighErrorRate/);
  });

  test("415 unless the body is JSON in UTF-8, uncompressed", async () => {
    const auth = bearer(TOKENS[0]!);
    expect((await postJson(proc.origin, "/alerts/generic", "{}", { ...auth, "content-type": "text/plain" })).status).toBe(415);
    expect((await postJson(proc.origin, "/alerts/generic", "{}", { ...auth, "content-type": "application/json; charset=latin1" })).status).toBe(415);
    expect((await postJson(proc.origin, "/alerts/generic", "{}", { ...auth, "content-encoding": "gzip" })).status).toBe(415);
  });

  test("413 over the size limit, declared or streamed, and nothing journaled", async () => {
    const big = JSON.stringify({ alerts: [{ name: "x", annotations: { blob: "a".repeat(5000) } }] });
    const declared = await postJson(proc.origin, "/alerts/generic", big, bearer(TOKENS[0]!));
    expect([declared.status, declared.body?.error]).toEqual([413, "body exceeds 4096 bytes"]);
    expect(await streamedStatus(proc.origin, "/alerts/generic", big, TOKENS[0]!)).toBe(413);
    expect(await journalText(dir)).toBe("");
  });

  test("400 for a body that is not JSON, or that names the first bad field", async () => {
    const auth = bearer(TOKENS[0]!);
    const notJson = await postJson(proc.origin, "/alerts/alertmanager", "{alerts: [", auth);
    expect(notJson.status).toBe(400);
    expect(notJson.body?.error).toMatch(/^body is not valid JSON: /);
    const am = JSON.parse(await fixture("alertmanager-v4.json"));
    am.alerts = [am.alerts[0], am.alerts[1], am.alerts[0], { ...am.alerts[1], startsAt: "last tuesday" }];
    const bad = await postJson(proc.origin, "/alerts/alertmanager", JSON.stringify(am), auth);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'alerts[3].startsAt: expected an ISO date-time (got "last tuesday")', path: "alerts[3].startsAt" });
    expect(await journalText(dir)).toBe("");
    expect(warnings().map((l) => l.msg)).toEqual(["alert post refused: invalid payload", "alert post refused: invalid payload"]);
  });
});

/** A chunked upload (no Content-Length) that keeps sending past the limit. */
const streamedStatus = (origin: string, path: string, body: string, token: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "transfer-encoding": "chunked" } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    for (let i = 0; i < body.length; i += 1000) req.write(body.slice(i, i + 1000));
    req.end();
  });
