import { readFile } from "node:fs/promises";
import { z } from "zod";
import { createHypothesisRanker } from "../adapters/openai/create-hypothesis-ranker.js";
import { loadSignatures } from "../adapters/signatures/load-signatures.js";
import type { DiagnosisKit } from "../core/diagnose/diagnose-run.js";
import { AgenticOpsError } from "../core/model/agenticops-error.js";
import type { HypothesisRanker } from "../ports/hypothesis-ranker.js";
import { Env } from "../schemas/env.js";
import { repoSignatureCache } from "./repo-signature-cache.js";

/** The variables a diagnosis kit reads; each validated as at boot (see src/schemas/env.ts). */
export const DiagnosisEnv = z.object({
  WEBHOOK_SECRET: z.string().optional(),
  PRIVATE_KEY: z.string().optional(),
  PRIVATE_KEY_PATH: z.string().optional(),
  OPENAI_API_KEY: Env.shape.OPENAI_API_KEY,
  OPENAI_BASE_URL: Env.shape.OPENAI_BASE_URL,
  OPENAI_MODEL: Env.shape.OPENAI_MODEL,
  LLM_TIMEOUT_MS: Env.shape.LLM_TIMEOUT_MS,
  LLM_MAX_TOKENS: Env.shape.LLM_MAX_TOKENS,
});
export type DiagnosisEnv = z.infer<typeof DiagnosisEnv>;

// A PEM's last line can be a few characters ("Qw=="): redacting that would mangle ordinary log text.
const MIN_SECRET_CHARS = 8;

/**
 * The app's own secrets, redacted by exact value: the webhook secret, every line of the private key
 * (a log may print it wrapped; the BEGIN/END lines are not secret) and the OpenAI key.
 */
export const knownSecretsOf = async (env: Pick<DiagnosisEnv, "WEBHOOK_SECRET" | "PRIVATE_KEY" | "PRIVATE_KEY_PATH" | "OPENAI_API_KEY">): Promise<string[]> => {
  const key = env.PRIVATE_KEY ?? (env.PRIVATE_KEY_PATH ? await readFile(env.PRIVATE_KEY_PATH, "utf8").catch(() => "") : "");
  // `.env` files often hold the key on one line with literal `\n` escapes
  const keyLines = key.split(/\\n|\r?\n/).filter((l) => !l.startsWith("-----"));
  const all = [env.WEBHOOK_SECRET, ...keyLines, env.OPENAI_API_KEY].map((s) => (s ?? "").trim());
  return [...new Set(all.filter((s) => s.length >= MIN_SECRET_CHARS))];
};

export interface DiagnosisKitOptions {
  /** another signature file than the bundled one */
  signaturesFile?: string;
  /** replaces the ranker the environment would give (tests, the sandbox's scripted LLM) */
  ranker?: HypothesisRanker | null;
}

/** Signatures, the optional LLM ranker (null without OPENAI_API_KEY) and the secrets to redact. */
export const createDiagnosisKit = async (env: DiagnosisEnv, options: DiagnosisKitOptions = {}): Promise<DiagnosisKit> => {
  const signatures = await loadSignatures(options.signaturesFile);
  return {
    signatures,
    ranker: options.ranker !== undefined ? options.ranker : createHypothesisRanker(env),
    knownSecrets: await knownSecretsOf(env),
    // one cache per kit (per app), never shared between apps or tests
    repoSignatures: repoSignatureCache(signatures).compile,
  };
};

/** The kit's variables from a raw environment; a bad value stops with ENV_INVALID naming it. */
export const diagnosisEnvFrom = (source: Record<string, string | undefined>): DiagnosisEnv => {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = DiagnosisEnv.safeParse(present);
  if (parsed.success) return parsed.data;
  const names = parsed.error.issues.map((i) => String(i.path[0]));
  throw new AgenticOpsError("ENV_INVALID", `the diagnosis settings are invalid: ${names.join(", ")}`, {
    hint: "fix these variables in .env or the environment (see .env.example)",
    details: { variables: names },
  });
};

/**
 * A kit built from `source` on first use, then shared; a failed build is retried on the next use.
 * For apps started without one (tests): the app keeps working and diagnoses with the defaults.
 */
export const lazyDiagnosisKit = (source: Record<string, string | undefined>): (() => Promise<DiagnosisKit>) => {
  let pending: Promise<DiagnosisKit> | undefined;
  return () => {
    pending ??= createDiagnosisKit(diagnosisEnvFrom(source)).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
};

/** Why a handler that diagnoses cannot run: the kit was neither given nor could be built. */
export const kitMissing = (): AgenticOpsError =>
  new AgenticOpsError("ENV_INVALID", "the diagnosis kit is unavailable: the failure signatures or the LLM settings could not be loaded", {
    hint: "see the error logged when the app built it; the delivery fails so that GitHub's redelivery can retry",
  });
