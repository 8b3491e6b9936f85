import { afterAll, afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Sandbox } from "../../src/sandbox/sandbox-server.js";
import { AlertRoutes } from "../../src/schemas/alert-routes.js";
import { createApp } from "../../src/app/create-app.js";
import { startApp } from "../../src/sandbox/app-harness.js";
import { HMAC_SECRETS, TOKENS, bearer, credentials, grafanaSignature, journalText, postJson, recordingSink, startIntakeProcess, type IntakeProcess } from "./support/alert-intake-process.js";

const NOW = new Date("2026-03-02T13:10:00.000Z");
const nowSeconds = NOW.getTime() / 1000;
const routes = AlertRoutes.parse({ routes: [{ name: "all", match: {}, repository: "acme/shop" }] });

let sandbox: Sandbox;
let dir: string;
let proc: IntakeProcess | undefined;
let recorder: ReturnType<typeof recordingSink>;

beforeAll(async () => {
  sandbox = await Sandbox.start();
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(async () => {
  await proc?.stop();
  proc = undefined;
  await rm(dir, { recursive: true, force: true });
});

const start = async (creds = credentials()): Promise<IntakeProcess> => {
  dir = await mkdtemp(join(tmpdir(), "alert-auth-"));
  recorder = recordingSink();
  proc = await startIntakeProcess(sandbox, { credentials: creds, maxBodyBytes: 1_048_576, journalDir: dir, routes, sink: () => recorder.sink }, () => NOW);
  return proc;
};

describe("Grafana's HMAC signature", () => {
  test("a body signed over '<timestamp>:<body>' with the current timestamp is accepted", async () => {
    const { origin, intake } = await start();
    const body = await readFile(new URL("../fixtures/alerts/grafana-v1.json", import.meta.url), "utf8");
    const answer = await postJson(origin, "/alerts/grafana", body, grafanaSignature(HMAC_SECRETS[0]!, body, nowSeconds - 10));
    expect(answer.status).toBe(202);
    await intake.settled();
    expect(recorder.calls.map((n) => n.source)).toEqual(["grafana"]);
  });

  test.each([
    ["older than the window", -301, "signature timestamp outside the 300s window"],
    ["too far in the future", 301, "signature timestamp outside the 300s window"],
  ])("a timestamp %s is refused (replay window)", async (_what, offset, reason) => {
    const { origin, logs } = await start();
    const body = JSON.stringify({ alerts: [{ name: "Replayed" }] });
    const answer = await postJson(origin, "/alerts/generic", body, grafanaSignature(HMAC_SECRETS[0]!, body, nowSeconds + offset));
    expect(answer.status).toBe(401);
    expect(logs.find((l) => l.level === 40)?.reason).toBe(reason);
    expect(await journalText(dir)).toBe("");
  });

  test("a signature over another body, a missing timestamp or an unknown secret are refused", async () => {
    const { origin } = await start();
    const body = JSON.stringify({ alerts: [{ name: "Tampered" }] });
    const signed = grafanaSignature(HMAC_SECRETS[1]!, body, nowSeconds);
    const tampered = await postJson(origin, "/alerts/generic", body.replace("Tampered", "Harmless"), signed);
    const noTimestamp = await postJson(origin, "/alerts/generic", body, { "X-Grafana-Alerting-Signature": signed["X-Grafana-Alerting-Signature"] });
    const unknown = await postJson(origin, "/alerts/generic", body, grafanaSignature("grafana-hmac-someone-elses-00", body, nowSeconds));
    expect([tampered.status, noTimestamp.status, unknown.status]).toEqual([401, 401, 401]);
    expect(tampered.headers.get("www-authenticate")).toContain('HMAC-SHA256 realm="agenticops-alerts", header="X-Grafana-Alerting-Signature"');
    expect(await journalText(dir)).toBe("");
  });

  test("the signature header name is configurable", async () => {
    const creds = credentials();
    const { origin } = await start({ ...creds, hmac: { ...creds.hmac, header: "X-Alert-Signature" } });
    const body = JSON.stringify({ alerts: [{ name: "Custom" }] });
    const { "X-Grafana-Alerting-Signature": signature, ...timestamp } = grafanaSignature(HMAC_SECRETS[0]!, body, nowSeconds);
    expect((await postJson(origin, "/alerts/generic", body, { "X-Alert-Signature": signature!, ...timestamp })).status).toBe(202);
  });
});

describe("rotation: every listed secret is accepted at once", () => {
  test("old and new bearer tokens, old and new HMAC secrets", async () => {
    const { origin, intake } = await start();
    const body = (name: string) => JSON.stringify({ alerts: [{ name }] });
    const statuses = [
      (await postJson(origin, "/alerts/generic", body("OldToken"), bearer(TOKENS[0]!))).status,
      (await postJson(origin, "/alerts/generic", body("NewToken"), bearer(TOKENS[1]!))).status,
      (await postJson(origin, "/alerts/generic", body("OldSecret"), grafanaSignature(HMAC_SECRETS[0]!, body("OldSecret"), nowSeconds))).status,
      (await postJson(origin, "/alerts/generic", body("NewSecret"), grafanaSignature(HMAC_SECRETS[1]!, body("NewSecret"), nowSeconds))).status,
    ];
    expect(statuses).toEqual([202, 202, 202, 202]);
    await intake.settled();
    expect(recorder.calls.map((n) => n.alerts[0]?.name)).toEqual(["OldToken", "NewToken", "OldSecret", "NewSecret"]);
  });

  test("a token that was rotated out is refused", async () => {
    const { origin } = await start(credentials({ bearerTokens: [TOKENS[1]!] }));
    expect((await postJson(origin, "/alerts/generic", JSON.stringify({ alerts: [{ name: "x" }] }), bearer(TOKENS[0]!))).status).toBe(401);
  });
});

describe("never open without credentials", () => {
  test("configured without any credential: 503 naming the variables, nothing journaled", async () => {
    const { origin } = await start(credentials({ bearerTokens: [], basic: [], hmac: { ...credentials().hmac, secrets: [] } }));
    const answer = await postJson(origin, "/alerts/alertmanager", "{}");
    expect(answer.status).toBe(503);
    expect(answer.body?.error).toContain("ALERTS_BEARER_TOKENS, ALERTS_BASIC_AUTH or ALERTS_HMAC_SECRETS");
    expect(await journalText(dir)).toBe("");
  });

  test("an app built without alert settings answers 503 too", async () => {
    dir = await mkdtemp(join(tmpdir(), "alert-auth-"));
    const app = await startApp(sandbox, createApp({ clock: { now: () => NOW }, dryRun: false }), { appId: 9050 });
    try {
      const res = await fetch(`${new URL(app.webhookUrl).origin}/alerts/generic`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(res.status).toBe(503);
    } finally {
      await app.close();
    }
  });
});
