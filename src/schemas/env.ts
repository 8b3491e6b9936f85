import { z } from "zod";
import { alertsEnvHints, alertsEnvShape } from "./alerts-env.js";

const positiveInt = () =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().positive());

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

/**
 * Process environment the app needs. Probot reads APP_ID/PRIVATE_KEY/WEBHOOK_SECRET itself;
 * we validate them too so a typo stops start-up with a message instead of a `NaN` app id.
 */
export const Env = z
  .object({
    APP_ID: positiveInt(),
    APP_SLUG: z.string().regex(/^[a-z0-9-]+$/, "must be the app's slug, as in https://github.com/apps/<slug>").default("agenticops"),
    PRIVATE_KEY: z
      .string()
      .refine((v) => v.includes("PRIVATE KEY") || /^[A-Za-z0-9+/=\s]{100,}$/.test(v), {
        error: "must be a PEM private key (-----BEGIN RSA PRIVATE KEY-----) or its base64 encoding",
      })
      .optional(),
    PRIVATE_KEY_PATH: z.string().min(1).optional(),
    WEBHOOK_SECRET: z.string().min(12, { error: "must be at least 12 characters (use a random secret)" }),
    GHE_HOST: z.string().min(1).optional(),
    GHE_PROTOCOL: z.enum(["http", "https"]).default("https"),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info"),
    AGENTICOPS_DRY_RUN: flag.default(false),
    OPENAI_API_KEY: z.string().min(1).optional(),
    // An http(s) scheme is required: `localhost:11434` parses as a URL whose scheme is "localhost".
    OPENAI_BASE_URL: z.url({ protocol: /^https?$/, error: "must be a URL such as https://api.openai.com/v1" }).optional(),
    OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
    LLM_TIMEOUT_MS: positiveInt().default(30_000),
    LLM_MAX_TOKENS: positiveInt().default(4_000),
    ...alertsEnvShape,
  })
  .refine((env) => env.PRIVATE_KEY !== undefined || env.PRIVATE_KEY_PATH !== undefined, {
    path: ["PRIVATE_KEY"],
    error: "is required (or set PRIVATE_KEY_PATH to the .pem file)",
    // zod skips refinements once another variable failed; run it anyway so every problem is reported at once.
    when: (payload) => typeof payload.value === "object" && payload.value !== null,
  });
export type Env = z.infer<typeof Env>;

/** How to fix each variable, shown when start-up stops. */
export const envHints: Record<string, string> = {
  APP_ID: "the numeric App ID from your GitHub App's settings page",
  PRIVATE_KEY: "paste the .pem downloaded from the App's settings page (quoted, multi-line) or set PRIVATE_KEY_PATH",
  PRIVATE_KEY_PATH: "path to the .pem downloaded from the App's settings page",
  WEBHOOK_SECRET: "the webhook secret you set on the App; generate one with `openssl rand -hex 32`",
  GHE_HOST: "host name of your GitHub Enterprise Server, e.g. github.example.com (leave unset for github.com)",
  OPENAI_BASE_URL: "the OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 for Ollama",
  LOG_LEVEL: "one of trace, debug, info, warn, error, fatal",
  ...alertsEnvHints,
};
