import { describe, expect, test } from "@jest/globals";
import { createHmac } from "node:crypto";
import { authChallenges, authenticateHeaders, verifySignature, type AlertCredentials } from "../../src/app/alerts/alert-auth.js";

const creds: AlertCredentials = {
  bearerTokens: ["token-aaaaaaaaaaaaaaaa", "token-bbbbbbbbbbbbbbbb"],
  basic: ["am:password-1234567"],
  hmac: { secrets: ["hmac-secret-0000000001"], header: "X-Grafana-Alerting-Signature", timestampHeader: "X-Grafana-Alerting-Timestamp", maxAgeSeconds: 300 },
};
const now = Date.UTC(2026, 2, 2, 13, 10);
const ts = String(now / 1000);
const sign = (secret: string, body: string, timestamp = ts) => createHmac("sha256", secret).update(`${timestamp}:${body}`).digest("hex");

describe("authenticateHeaders", () => {
  test.each([
    [{ authorization: "Bearer token-bbbbbbbbbbbbbbbb" }, { kind: "authenticated", method: "bearer" }],
    [{ authorization: "bearer   token-aaaaaaaaaaaaaaaa" }, { kind: "authenticated", method: "bearer" }],
    [{ authorization: `Basic ${Buffer.from("am:password-1234567").toString("base64")}` }, { kind: "authenticated", method: "basic" }],
    [{ authorization: "Bearer token-aaaaaaaaaaaaaaa" }, { kind: "refused", reason: "invalid bearer token" }],
    [{ authorization: `Basic ${Buffer.from("am:password-12345678").toString("base64")}` }, { kind: "refused", reason: "invalid basic credentials" }],
    [{ authorization: "Digest username=am" }, { kind: "refused", reason: 'unsupported authorization scheme "Digest"' }],
    [{}, { kind: "refused", reason: "no credentials" }],
  ])("%j → %j", (headers, expected) => {
    expect(authenticateHeaders(headers, creds, now)).toEqual(expected);
  });

  test("a scheme that is not configured is refused even with a valid-looking value", () => {
    const bearerOnly = { ...creds, basic: [] };
    expect(authenticateHeaders({ authorization: `Basic ${Buffer.from("am:password-1234567").toString("base64")}` }, bearerOnly, now)).toEqual({ kind: "refused", reason: 'unsupported authorization scheme "Basic"' });
  });

  test("a signature within the window is left to check against the body", () => {
    const signature = sign("hmac-secret-0000000001", "{}");
    const auth = authenticateHeaders({ "x-grafana-alerting-signature": signature, "x-grafana-alerting-timestamp": String(now / 1000 - 300) }, creds, now);
    expect(auth).toMatchObject({ kind: "signed", timestamp: String(now / 1000 - 300) });
  });

  test.each([
    [{ "x-grafana-alerting-signature": "zz" }, "signature is not a hex HMAC-SHA256"],
    [{ "x-grafana-alerting-signature": "a".repeat(64) }, "missing or malformed X-Grafana-Alerting-Timestamp"],
    [{ "x-grafana-alerting-signature": "a".repeat(64), "x-grafana-alerting-timestamp": "2026-03-02T13:10:00Z" }, "missing or malformed X-Grafana-Alerting-Timestamp"],
    [{ "x-grafana-alerting-signature": "a".repeat(64), "x-grafana-alerting-timestamp": String(now / 1000 - 301) }, "signature timestamp outside the 300s window"],
  ])("signature headers %j are refused: %s", (headers, reason) => {
    expect(authenticateHeaders(headers, creds, now)).toEqual({ kind: "refused", reason });
  });

  test("a valid bearer token wins over a bad signature; a bad token does not hide a signature", () => {
    const signed = { "x-grafana-alerting-signature": "b".repeat(64), "x-grafana-alerting-timestamp": ts };
    expect(authenticateHeaders({ ...signed, authorization: "Bearer token-aaaaaaaaaaaaaaaa" }, creds, now).kind).toBe("authenticated");
    expect(authenticateHeaders({ ...signed, authorization: "Bearer nope" }, creds, now).kind).toBe("signed");
  });
});

describe("verifySignature", () => {
  const body = Buffer.from('{"alerts":[]}');
  test("matches any configured secret over '<timestamp>:<body>'", () => {
    const secrets = ["hmac-old-00000000000", "hmac-new-00000000000"];
    for (const secret of secrets) {
      expect(verifySignature(body, { signature: Buffer.from(sign(secret, body.toString()), "hex"), timestamp: ts }, secrets)).toBe(true);
    }
  });
  test("refuses another body, another timestamp, another secret", () => {
    const signature = Buffer.from(sign("hmac-old-00000000000", body.toString()), "hex");
    expect(verifySignature(Buffer.from('{"alerts":[1]}'), { signature, timestamp: ts }, ["hmac-old-00000000000"])).toBe(false);
    expect(verifySignature(body, { signature, timestamp: String(Number(ts) + 1) }, ["hmac-old-00000000000"])).toBe(false);
    expect(verifySignature(body, { signature, timestamp: ts }, ["hmac-other-000000000"])).toBe(false);
  });
});

test("challenges name only the configured methods", () => {
  expect(authChallenges({ ...creds, basic: [], hmac: { ...creds.hmac, secrets: [] } })).toEqual(['Bearer realm="agenticops-alerts"']);
  expect(authChallenges(creds)).toHaveLength(3);
});
