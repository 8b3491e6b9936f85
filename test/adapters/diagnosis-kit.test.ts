import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDiagnosisKit, diagnosisEnvFrom, knownSecretsOf, lazyDiagnosisKit } from "../../src/app/diagnosis-kit.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 1024,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const keyLines = privateKey.trim().split("\n").filter((l) => !l.startsWith("-----"));
const WEBHOOK_SECRET = "a-webhook-secret-of-some-length";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "diagnosis-kit-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("knownSecretsOf", () => {
  test("the webhook secret, every base64 line of the private key and the OpenAI key; not the PEM armour", async () => {
    const secrets = await knownSecretsOf({ WEBHOOK_SECRET, PRIVATE_KEY: privateKey, OPENAI_API_KEY: "sk-test-0123456789" });
    expect(secrets).toEqual(expect.arrayContaining([WEBHOOK_SECRET, "sk-test-0123456789", ...keyLines.filter((l) => l.length >= 8)]));
    expect(secrets.some((s) => s.includes("BEGIN"))).toBe(false);
  });

  test("a key written on one line with literal \\n escapes, as .env files hold it", async () => {
    const secrets = await knownSecretsOf({ PRIVATE_KEY: privateKey.replace(/\n/g, "\\n") });
    expect(secrets).toEqual(keyLines.filter((l) => l.length >= 8));
  });

  test("a key read from PRIVATE_KEY_PATH; values too short to redact safely are left out", async () => {
    const file = join(dir, "app.pem");
    await writeFile(file, privateKey);
    expect(await knownSecretsOf({ PRIVATE_KEY_PATH: file, WEBHOOK_SECRET: "short" })).toEqual(keyLines.filter((l) => l.length >= 8));
    expect(await knownSecretsOf({})).toEqual([]);
  });
});

describe("createDiagnosisKit", () => {
  test("without OPENAI_API_KEY there is no ranker; with one there is", async () => {
    const plain = await createDiagnosisKit(diagnosisEnvFrom({ WEBHOOK_SECRET }));
    expect(plain.ranker).toBeNull();
    expect(plain.signatures.source.length).toBeGreaterThan(10);
    expect(plain.knownSecrets).toEqual([WEBHOOK_SECRET]);
    const llm = await createDiagnosisKit(diagnosisEnvFrom({ OPENAI_API_KEY: "sk-test-0123456789", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" }));
    expect(llm.ranker).not.toBeNull();
    expect(llm.knownSecrets).toEqual(["sk-test-0123456789"]);
  });

  test("a ranker given explicitly replaces the environment's", async () => {
    const kit = await createDiagnosisKit(diagnosisEnvFrom({ OPENAI_API_KEY: "sk-test-0123456789" }), { ranker: null });
    expect(kit.ranker).toBeNull();
  });

  test("a missing signature file stops with CONFIG_INVALID naming it", async () => {
    const error = await createDiagnosisKit(diagnosisEnvFrom({}), { signaturesFile: join(dir, "nope.yaml") }).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CONFIG_INVALID")).toBe(true);
    expect((error as Error).message).toContain("nope.yaml");
  });

  test("an invalid LLM setting stops with ENV_INVALID naming the variable, not its value", () => {
    const error = (() => {
      try {
        return diagnosisEnvFrom({ OPENAI_BASE_URL: "localhost:11434", LLM_TIMEOUT_MS: "soon" });
      } catch (e) {
        return e;
      }
    })();
    expect(isAgenticOpsError(error, "ENV_INVALID")).toBe(true);
    expect((error as Error).message).toBe("the diagnosis settings are invalid: OPENAI_BASE_URL, LLM_TIMEOUT_MS");
  });

  test("the lazy kit is built once and shared", async () => {
    const kit = lazyDiagnosisKit({});
    const [a, b] = await Promise.all([kit(), kit()]);
    expect(a).toBe(b);
    expect(await kit()).toBe(a);
  });
});
