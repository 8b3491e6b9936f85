import { describe, expect, test } from "@jest/globals";
import { generateKeyPairSync } from "node:crypto";
import { loadEnv } from "../../src/app/load-env.js";
import { AgenticOpsError } from "../../src/core/model/agenticops-error.js";

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 1024,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const valid = { APP_ID: "123456", PRIVATE_KEY: privateKey, WEBHOOK_SECRET: "s3cret-webhook-value" };

/** The ENV_INVALID error loadEnv throws for `env`. */
const failure = (env: Record<string, string | undefined>): AgenticOpsError => {
  try {
    loadEnv(env);
  } catch (error) {
    if (error instanceof AgenticOpsError) return error;
    throw error;
  }
  throw new Error("loadEnv accepted an invalid environment");
};

describe("loadEnv", () => {
  test("a valid environment parses, with defaults for everything optional", () => {
    expect(loadEnv({ ...valid, PATH: "/usr/bin", HOME: "/root" })).toEqual({
      ...valid,
      APP_ID: 123456,
      APP_SLUG: "agenticops",
      GHE_PROTOCOL: "https",
      LOG_LEVEL: "info",
      AGENTICOPS_DRY_RUN: false,
      OPENAI_MODEL: "gpt-4o-mini",
      LLM_TIMEOUT_MS: 30_000,
      LLM_MAX_TOKENS: 4_000,
      ALERTS_HMAC_HEADER: "X-Grafana-Alerting-Signature",
      ALERTS_HMAC_TIMESTAMP_HEADER: "X-Grafana-Alerting-Timestamp",
      ALERTS_HMAC_MAX_AGE_SECONDS: 300,
      ALERTS_MAX_BODY_BYTES: 1_048_576,
      ALERTS_JOURNAL_DIR: ".agenticops/alert-journal",
    });
  });

  test("alert credentials are comma-separated lists, so old and new secrets work during a rotation", () => {
    const env = loadEnv({
      ...valid,
      ALERTS_BEARER_TOKENS: "old-token-0123456789, new-token-9876543210",
      ALERTS_BASIC_AUTH: "alertmanager:pa55word-long:with-colon",
      ALERTS_HMAC_SECRETS: "grafana-hmac-secret-0001,",
      ALERTS_MAX_BODY_BYTES: "65536",
    });
    expect(env).toMatchObject({
      ALERTS_BEARER_TOKENS: ["old-token-0123456789", "new-token-9876543210"],
      ALERTS_BASIC_AUTH: ["alertmanager:pa55word-long:with-colon"],
      ALERTS_HMAC_SECRETS: ["grafana-hmac-secret-0001"],
      ALERTS_MAX_BODY_BYTES: 65_536,
    });
  });

  test("a base64-encoded private key is accepted", () => {
    const base64 = Buffer.from(privateKey).toString("base64");
    expect(loadEnv({ ...valid, PRIVATE_KEY: base64 }).PRIVATE_KEY).toBe(base64);
  });

  test("PRIVATE_KEY_PATH replaces PRIVATE_KEY", () => {
    const env = loadEnv({ APP_ID: "1", WEBHOOK_SECRET: valid.WEBHOOK_SECRET, PRIVATE_KEY_PATH: "/run/secrets/app.pem" });
    expect(env.PRIVATE_KEY_PATH).toBe("/run/secrets/app.pem");
    expect(env.PRIVATE_KEY).toBeUndefined();
  });

  test.each([
    ["true", true],
    ["1", true],
    ["yes", true],
    ["false", false],
    ["0", false],
  ])("AGENTICOPS_DRY_RUN=%s is %s", (raw, expected) => {
    expect(loadEnv({ ...valid, AGENTICOPS_DRY_RUN: raw }).AGENTICOPS_DRY_RUN).toBe(expected);
  });

  test("numbers and the LLM settings are parsed", () => {
    const env = loadEnv({ ...valid, LLM_TIMEOUT_MS: "5000", OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", LOG_LEVEL: "debug" });
    expect(env).toMatchObject({ LLM_TIMEOUT_MS: 5000, OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", LOG_LEVEL: "debug" });
  });

  test("empty strings count as unset", () => {
    expect(loadEnv({ ...valid, OPENAI_BASE_URL: "", LOG_LEVEL: "" })).toMatchObject({ LOG_LEVEL: "info" });
  });

  describe("an invalid environment", () => {
    test("missing APP_ID, WEBHOOK_SECRET and PRIVATE_KEY are all named in one error, with hints", () => {
      const error = failure({ PATH: "/usr/bin" });
      expect(error.code).toBe("ENV_INVALID");
      expect(error.message).toMatch(/APP_ID is missing \(the numeric App ID/);
      expect(error.message).toMatch(/WEBHOOK_SECRET is missing \(.*openssl rand/);
      expect(error.message).toMatch(/PRIVATE_KEY .*PRIVATE_KEY_PATH/);
      expect(error.details.variables).toEqual(expect.arrayContaining(["APP_ID", "WEBHOOK_SECRET", "PRIVATE_KEY"]));
      expect(error.hint).toMatch(/\.env/);
      expect(error.describe()).toContain("hint:");
    });

    test("APP_ID=abc says it must be a whole number, once", () => {
      const error = failure({ ...valid, APP_ID: "abc" });
      expect(error.message).toContain("  - APP_ID must be a whole number (");
      expect(error.details.variables).toEqual(["APP_ID"]);
    });

    test("APP_ID=0 is rejected", () => {
      expect(failure({ ...valid, APP_ID: "0" }).details.variables).toEqual(["APP_ID"]);
    });

    test("a bad OPENAI_BASE_URL is named with an example", () => {
      const error = failure({ ...valid, OPENAI_BASE_URL: "localhost:11434" });
      expect(error.message).toMatch(/OPENAI_BASE_URL must be a URL such as https:\/\/api\.openai\.com\/v1/);
      expect(error.details.variables).toEqual(["OPENAI_BASE_URL"]);
    });

    test("a bad flag and a bad log level are named", () => {
      const error = failure({ ...valid, AGENTICOPS_DRY_RUN: "maybe", LOG_LEVEL: "loud" });
      expect(error.message).toMatch(/AGENTICOPS_DRY_RUN must be true or false/);
      expect(error.details.variables).toEqual(expect.arrayContaining(["AGENTICOPS_DRY_RUN", "LOG_LEVEL"]));
    });

    test("short or malformed alert credentials are named without echoing them", () => {
      const error = failure({ ...valid, ALERTS_BEARER_TOKENS: "tiny-4a1", ALERTS_BASIC_AUTH: "no-colon-here-8d0", ALERTS_HMAC_SECRETS: " , ", ALERTS_MAX_BODY_BYTES: "1MB" });
      expect(error.details.variables).toEqual(["ALERTS_BEARER_TOKENS", "ALERTS_BASIC_AUTH", "ALERTS_HMAC_SECRETS", "ALERTS_MAX_BODY_BYTES"]);
      expect(error.message).toContain("ALERTS_BEARER_TOKENS each bearer token must be at least 16 characters");
      expect(error.message).toContain("ALERTS_BASIC_AUTH each entry must be user:password");
      expect(error.message).toContain("ALERTS_HMAC_SECRETS must list at least one HMAC secret (comma-separated)");
      for (const value of ["tiny-4a1", "no-colon-here-8d0"]) expect(error.describe()).not.toContain(value);
    });

    test("secret values are never echoed", () => {
      const secrets = { PRIVATE_KEY: "not-a-key-but-a-secret-4f9a", WEBHOOK_SECRET: "short-7c1", OPENAI_API_KEY: "sk-live-abcdef123456" };
      const error = failure({ APP_ID: "abc", ...secrets, OPENAI_BASE_URL: "nope-8e2" });
      expect(error.details.variables).toEqual(expect.arrayContaining(["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET", "OPENAI_BASE_URL"]));
      const shown = `${error.describe()} ${JSON.stringify(error.details)}`;
      for (const value of [...Object.values(secrets), "nope-8e2"]) expect(shown).not.toContain(value);
    });
  });
});
