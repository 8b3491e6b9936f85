import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { Transform } from "node:stream";
import { pino, type Logger } from "pino";
import type { Env } from "../schemas/env.js";

/**
 * Probot's HTTP logger writes every request's headers into JSON logs. The alert routes' credentials
 * travel in headers, so these are censored before any line is written.
 */
export const credentialRedaction = (hmacHeader: string): { paths: string[]; censor: string } => ({
  paths: ["authorization", "proxy-authorization", "cookie", hmacHeader.toLowerCase()].map((h) => `req.headers[${JSON.stringify(h)}]`),
  censor: "[redacted]",
});

interface ProbotPino {
  getTransformStream(options: { logFormat?: "json" | "pretty"; logLevelInString?: boolean; sentryDsn?: string }): Promise<Transform>;
}

// Probot's own formatting module, resolved from probot itself (it is probot's dependency, not ours).
const loadProbotPino = async (): Promise<ProbotPino> => {
  const fromProbot = createRequire(import.meta.resolve("probot"));
  return (await import(pathToFileURL(fromProbot.resolve("@probot/pino")).href)) as ProbotPino;
};

/**
 * The logger `probot run` would build (LOG_LEVEL, LOG_FORMAT, LOG_LEVEL_IN_STRING,
 * LOG_MESSAGE_KEY, SENTRY_DSN, JSON in production), plus the credential redaction.
 */
export const createProbotLog = async (env: Env, source: Record<string, string | undefined>): Promise<Logger> => {
  const json = source.LOG_FORMAT ? source.LOG_FORMAT !== "pretty" : source.NODE_ENV === "production";
  const transform = await (await loadProbotPino()).getTransformStream({
    logFormat: json ? "json" : "pretty",
    logLevelInString: source.LOG_LEVEL_IN_STRING === "true",
    ...(source.SENTRY_DSN ? { sentryDsn: source.SENTRY_DSN } : {}),
  });
  transform.pipe(pino.destination(1) as unknown as NodeJS.WritableStream);
  const options = { level: env.LOG_LEVEL, name: "probot", messageKey: source.LOG_MESSAGE_KEY || "msg", redact: credentialRedaction(env.ALERTS_HMAC_HEADER) };
  return pino(options, transform);
};
