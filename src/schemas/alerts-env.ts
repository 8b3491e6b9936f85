import { z } from "zod";

const positiveInt = () =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().positive());

/** A comma-separated list: several values are accepted at once while a secret is rotated. */
const commaList = (item: z.ZodType<string, string>, one: string) =>
  z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim()).filter((s) => s !== ""))
    .pipe(z.array(item).min(1, { error: `must list at least one ${one} (comma-separated)` }));

// Messages never quote the value: these variables hold secrets.
const secret = (what: string) =>
  z
    .string()
    .min(16, { error: `each ${what} must be at least 16 characters (generate one with \`openssl rand -hex 32\`)` })
    .regex(/^[^\s,]+$/, { error: `a ${what} cannot contain spaces or commas` });

const basicCredential = z
  .string()
  .regex(/^[^:\s,]+:[^\s,]{12,}$/, { error: "each entry must be user:password, with a password of at least 12 characters and no spaces or commas" });

const headerName = z.string().regex(/^[A-Za-z0-9-]+$/, { error: "must be an HTTP header name, e.g. X-Grafana-Alerting-Signature" });

/** Alert intake settings, part of the environment validated at boot. No credential: intake is off. */
export const alertsEnvShape = {
  ALERTS_BEARER_TOKENS: commaList(secret("bearer token"), "bearer token").optional(),
  ALERTS_BASIC_AUTH: commaList(basicCredential, "user:password pair").optional(),
  ALERTS_HMAC_SECRETS: commaList(secret("HMAC secret"), "HMAC secret").optional(),
  ALERTS_HMAC_HEADER: headerName.default("X-Grafana-Alerting-Signature"),
  ALERTS_HMAC_TIMESTAMP_HEADER: headerName.default("X-Grafana-Alerting-Timestamp"),
  ALERTS_HMAC_MAX_AGE_SECONDS: positiveInt().default(300),
  ALERTS_MAX_BODY_BYTES: positiveInt().default(1_048_576),
  ALERTS_JOURNAL_DIR: z.string().min(1).default(".agenticops/alert-journal"),
  ALERTS_ROUTES_FILE: z.string().min(1).optional(),
};

export const alertsEnvHints: Record<string, string> = {
  ALERTS_BEARER_TOKENS: "comma-separated tokens Alertmanager or Grafana send as `Authorization: Bearer <token>`",
  ALERTS_BASIC_AUTH: "comma-separated user:password pairs for HTTP basic auth",
  ALERTS_HMAC_SECRETS: "comma-separated secrets for Grafana's HMAC signature (contact point → HMAC Signature)",
  ALERTS_HMAC_HEADER: "the header carrying the signature, as set on the Grafana contact point",
  ALERTS_HMAC_TIMESTAMP_HEADER: "the timestamp header, as set on the Grafana contact point",
  ALERTS_HMAC_MAX_AGE_SECONDS: "how old (or how far in the future) a signed request's timestamp may be, in seconds",
  ALERTS_MAX_BODY_BYTES: "the largest alert post accepted, in bytes (default 1048576)",
  ALERTS_JOURNAL_DIR: "a directory on durable storage where accepted alerts are journaled",
  ALERTS_ROUTES_FILE: "path to the alert routing YAML file (docs/alerts.md)",
};
