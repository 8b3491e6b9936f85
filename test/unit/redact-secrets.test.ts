import { describe, expect, test } from "@jest/globals";
import { redactSecretLines, redactSecrets } from "../../src/core/diagnose/redact-secrets.js";
import { isHighEntropySecret } from "../../src/core/diagnose/high-entropy-token.js";

// Fake credentials are assembled at run time from a seeded generator, so no secret-shaped
// literal sits in the repository and every run sees the same values.
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const rand = seeded(42);
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const B64 = `${ALNUM}+/`;
const pick = (alphabet: string, n: number): string =>
  Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join("");

const none = { knownSecrets: [] };
const redact = (text: string) => redactSecrets(text, none).text;

describe("known secrets", () => {
  const token = `ghs_${pick(ALNUM, 36)}`;
  const webhook = "wh-secret-for-tests-7";

  test("every occurrence of the app's own values, with counts", () => {
    const result = redactSecrets(`push with ${webhook}; again ${webhook}; token ${token}`, { knownSecrets: [webhook, token] });
    expect(result.text).toBe("push with [REDACTED:known-secret]; again [REDACTED:known-secret]; token [REDACTED:known-secret]");
    expect(result.redactions).toEqual([{ rule: "known-secret", count: 3 }]);
  });

  test("base64, base64url and URL-encoded forms", () => {
    const odd = "p@ss/w0rd+?=&";
    const b64 = Buffer.from(odd).toString("base64");
    const b64url = Buffer.from(odd).toString("base64url");
    const text = `a=${b64} b=${b64url} c=${encodeURIComponent(odd)}`;
    expect(redactSecrets(text, { knownSecrets: [odd] }).text).toBe(
      "a=[REDACTED:known-secret] b=[REDACTED:known-secret] c=[REDACTED:known-secret]",
    );
  });

  test("inside a longer base64 value such as a Basic auth header, at any byte alignment", () => {
    for (const user of ["x", "xy", "x-access-token"]) {
      const header = `Basic ${Buffer.from(`${user}:${token}`).toString("base64")}`;
      const out = redactSecrets(header, { knownSecrets: [token] }).text;
      expect(out).toContain("[REDACTED:");
      // At most three characters next to the cut mix bits of the token with its neighbours.
      const leftover = out.replace(/\[REDACTED:[a-z-]+\]/g, "").replace("Basic ", "");
      expect(leftover.length).toBeLessThanOrEqual(Math.ceil(((user.length + 1) * 4) / 3) + 3);
    }
  });

  test("each line of a known private key, also when the excerpt holds only part of it", () => {
    const body = Array.from({ length: 4 }, () => pick(B64, 64));
    const pem = ["-----BEGIN RSA PRIVATE KEY-----", ...body, "-----END RSA PRIVATE KEY-----"].join("\n");
    const excerpt = ["Error: could not parse key", `  ${body[1]}`, `  ${body[2]}`, "exit 1"];
    const out = redactSecretLines(excerpt, { knownSecrets: [pem] });
    expect(out.lines).toEqual(["Error: could not parse key", "  [REDACTED:known-secret]", "  [REDACTED:known-secret]", "exit 1"]);
  });

  test("ignores values too short to be secrets", () => {
    expect(redactSecrets("main branch test", { knownSecrets: ["main", "test", ""] }).text).toBe("main branch test");
  });
});

describe("pattern rules", () => {
  const gh = pick(ALNUM, 36);
  const cases: [string, string, string][] = [
    ["github-token", `export GITHUB_TOKEN=ghp_${gh}`, "export GITHUB_TOKEN=[REDACTED:github-token]"],
    ["github-token", `remote: ghs_${gh} rejected`, "remote: [REDACTED:github-token] rejected"],
    ["github-token", `github_pat_${pick(ALNUM, 82)}`, "[REDACTED:github-token]"],
    ["npm-token", `//registry.npmjs.org/:_authToken=npm_${gh}`, "//registry.npmjs.org/:_authToken=[REDACTED:npm-token]"],
    ["npm-token", `npm_${gh} in .npmrc`, "[REDACTED:npm-token] in .npmrc"],
    ["slack-token", "posting with xoxb-1234567890-9876543210-AbCdEfGh", "posting with [REDACTED:slack-token]"],
    ["slack-webhook", "https://hooks.slack.com/services/T0AAA/B0BBB/XyZ123", "https://hooks.slack.com/services/[REDACTED:slack-webhook]"],
    ["sendgrid-api-key", `SG.${pick(ALNUM, 22)}.${pick(ALNUM, 43)} sent`, "[REDACTED:sendgrid-api-key] sent"],
    ["shopify-token", `shpat_${pick(ALNUM, 32)}`, "[REDACTED:shopify-token]"],
    ["openai-api-key", `OPENAI key sk-proj-${pick(ALNUM, 48)}`, "OPENAI key [REDACTED:openai-api-key]"],
    ["anthropic-api-key", `sk-ant-api03-${pick(ALNUM, 93)}AA`, "[REDACTED:anthropic-api-key]"],
    ["aws-access-key-id", "id AKIAIOSFODNN7EXAMPLE used", "id [REDACTED:aws-access-key-id] used"],
    ["aws-secret-access-key", `aws_secret_access_key = ${pick(B64, 40)}`, "aws_secret_access_key = [REDACTED:aws-secret-access-key]"],
    ["aws-secret-access-key", `AKIAIOSFODNN7EXAMPLE,${pick(B64, 40)}`, "[REDACTED:aws-access-key-id],[REDACTED:aws-secret-access-key]"],
    ["jwt", `token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.${pick(ALNUM, 43)}`, "token [REDACTED:jwt]"],
    ["bearer-token", `curl -H 'Authorization: Bearer ${pick(ALNUM, 40)}' https://api`, "curl -H 'Authorization: Bearer [REDACTED:bearer-token]' https://api"],
    ["bearer-token", `"authorization": "token abc123def456"`, `"authorization": "token [REDACTED:bearer-token]"`],
    ["basic-auth", "git clone https://deploy:hunter2@git.example.com/acme/api.git", "git clone https://[REDACTED:basic-auth]@git.example.com/acme/api.git"],
    ["database-url", "DATABASE_URL=postgres://app:Zx9vQ2pL@db.internal:5432/orders", "DATABASE_URL=postgres://[REDACTED:database-url]@db.internal:5432/orders"],
    ["database-url", "mongodb+srv://svc:pw%40x@cluster0.mongodb.net/db", "mongodb+srv://[REDACTED:database-url]@cluster0.mongodb.net/db"],
    ["password-assignment", "password=hunter2 user=app", "password=[REDACTED:password-assignment] user=app"],
    ["password-assignment", "DB_PASSWORD: 's3cret value'", "DB_PASSWORD: '[REDACTED:password-assignment]'"],
    ["password-assignment", `{"clientSecret":"abc","user":"app"}`, `{"clientSecret":"[REDACTED:password-assignment]","user":"app"}`],
    ["password-assignment", "  api_key: k-123", "  api_key: [REDACTED:password-assignment]"],
    ["gcp-service-account-key", `{"private_key_id": "${"ab".repeat(20)}", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE${pick(B64, 60)}\\n-----END PRIVATE KEY-----\\n", "client_email": "x@p.iam.gserviceaccount.com"}`,
      `{"private_key_id": "[REDACTED:gcp-service-account-key]", "private_key": "[REDACTED:gcp-service-account-key]", "client_email": "x@p.iam.gserviceaccount.com"}`],
  ];
  test.each(cases)("%s: %s", (rule, input, expected) => {
    const result = redactSecrets(input, none);
    expect(result.text).toBe(expected);
    expect(result.redactions.map((r) => r.rule)).toContain(rule);
  });

  test.each([
    "GITHUB_TOKEN: ***",
    "token: ${{ secrets.GITHUB_TOKEN }}",
    "password=$DB_PASSWORD",
    "Authorization: Bearer ${TOKEN}",
    "postgres://app:${PGPASSWORD}@db:5432/orders",
    "max_tokens: 4096, passwordless: true, secretKeyRef: {name: db}",
    "FATAL: password authentication failed for user \"app\"",
  ])("leaves placeholders and look-alikes alone: %s", (line) => {
    expect(redactSecrets(line, none)).toEqual({ text: line, redactions: [] });
  });
});

describe("private key blocks", () => {
  const key = ["-----BEGIN OPENSSH PRIVATE KEY-----", pick(B64, 70), pick(B64, 70), "-----END OPENSSH PRIVATE KEY-----"];

  test("excerpt lines keep their count, each key line replaced", () => {
    const out = redactSecretLines(["loading deploy key", ...key, "ssh: handshake failed"], none);
    expect(out.lines).toEqual(["loading deploy key", ...key.map(() => "[REDACTED:private-key]"), "ssh: handshake failed"]);
    expect(out.redactions).toEqual([{ rule: "private-key", count: 1 }]);
  });

  test("text collapses the block into one marker and keeps what follows END", () => {
    const out = redactSecrets(["key:", `  ${key.join("\n  ")} # trailing`, "next"].join("\n"), none);
    expect(out.text).toBe("key:\n  [REDACTED:private-key] # trailing\nnext");
  });

  test("a key the excerpt cuts before END is redacted to the end", () => {
    const out = redactSecretLines(["before", key[0]!, key[1]!], none);
    expect(out.lines).toEqual(["before", "[REDACTED:private-key]", "[REDACTED:private-key]"]);
  });

  test("a PEM with escaped newlines on one line", () => {
    expect(redact(`PRIVATE_KEY="${key.join("\\n")}\\n" exported`)).toBe('PRIVATE_KEY="[REDACTED:private-key]\\n" exported');
  });
});

describe("high-entropy tokens", () => {
  test("random base64 and alphanumeric tokens of 32+ characters are caught", () => {
    const tokens = Array.from({ length: 200 }, (_, i) => pick(i % 2 ? B64 : ALNUM, 32 + (i % 20)));
    const caught = tokens.filter((t) => redact(`value ${t} end`) === "value [REDACTED:high-entropy] end").length;
    expect(caught / tokens.length).toBeGreaterThanOrEqual(0.95);
  });

  test("identifiers that matter for a diagnosis are kept", () => {
    const log = [
      "HEAD is now at 88925d481419f61ba52e9fe2cf24b7a98c8810fc Merge pull request #412 from acme/fix-cache",
      "Pulling ghcr.io/acme/api@sha256:4f1c9a0e3b7d2c8e6a5f4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e",
      "request 2c2aab0e-9c66-4039-9107-0d3b24753848 trace 0af7651916cd43dd8448eb211c80319c failed",
      "    at Object.<anonymous> (/home/runner/work/api/api/src/components/UserProfileSettings.tsx:12:7)",
      "  at com.acme.orders.OrderServiceImplTest.shouldRetryThreeTimes(OrderServiceImplTest.java:88)",
      "npm ERR! sha512-Bg6v3NVPWUtZHkx7T4tqDt2pYR06DUI8a6Za4MRGqBm3EZoLHFaCR8yY26BsDfOxlfVmkVbLSbB2RFJQmUbq3A== integrity checksum failed",
      "verifying github.com/acme/lib@v1.4.0: checksum mismatch downloaded: h1:Kq5sNclPz7QV2+lfQIuQV7sPoHpPd3c0hC1wRPXy5AQ=",
      "pod/orders-api-deployment-5f7b9c8d4-kx2lp ImagePullBackOff: XMLHttpRequestEventTarget ERR_PACKAGE_PATH_NOT_EXPORTED",
      "Compiling x86_64-unknown-linux-gnu target for aarch64-apple-darwin20 using ReactDOMServerStreamRenderer18",
      "2024-05-02T14:03:22.123456Z ##[error]Process completed with exit code 1.",
      "S3BucketPolicyForAppV2Prod TestCacheEvictionWithTTL2 getUserAccountSettingsById node_modules/@babel/core/lib/transformation",
    ];
    expect(redactSecretLines(log, none)).toEqual({ lines: log, redactions: [] });
  });

  test("hashes announced by their algorithm are never secrets, whatever their length", () => {
    expect(isHighEntropySecret(pick("0123456789abcdef", 50), "sha256:")).toBe(false);
    expect(isHighEntropySecret(pick("0123456789abcdef", 50), "id ")).toBe(true);
  });
});

describe("robustness", () => {
  test("redacting twice changes nothing more", () => {
    const once = redactSecrets(`password=hunter2 ghp_${pick(ALNUM, 36)} ${pick(B64, 40)}`, none);
    expect(redactSecrets(once.text, none)).toEqual({ text: once.text, redactions: [] });
  });

  const fill = (unit: string) => unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
  const adversarial = [
    "a", "-eyJ", "eyJaaaaa.", "password=", 'password="', "password: ", "DB_PASSWORD_", "xoxb-1-", "a://b:", "SG.a.",
    '"private_key": "', "-----BEGIN PRIVATE KEY-----", "-----BEGIN ", "authorization: ", "Bearer a", "sk-ant-", "AKIA",
    "aws_secret_access_key=", "A/b+", "ghp_", "_authToken=", "postgres://", "a/", "0123456789abcdef", "a=", "ab12CD/+_-", ":", " a",
  ];
  test.each(adversarial)("a 100 KB line of %j is handled in linear time", (unit) => {
    const line = unit === "A/b+" ? `AKIAIOSFODNN7EXAMPLE ${fill(unit)}` : fill(unit);
    const started = performance.now();
    redactSecrets(line, { knownSecrets: ["wh-secret-for-tests-7"] });
    expect(performance.now() - started).toBeLessThan(500);
  });
});
