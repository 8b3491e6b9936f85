import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** Who may post alerts. Several values per kind are accepted at once, for rotation. */
export interface AlertCredentials {
  bearerTokens: readonly string[];
  /** `user:password` */
  basic: readonly string[];
  hmac: { secrets: readonly string[]; header: string; timestampHeader: string; maxAgeSeconds: number };
}

export type HeaderAuth =
  | { kind: "authenticated"; method: "bearer" | "basic" }
  /** a signature to check once the body is read */
  | { kind: "signed"; signature: Buffer; timestamp: string }
  | { kind: "refused"; reason: string };

export const hasCredentials = (c: AlertCredentials): boolean => c.bearerTokens.length + c.basic.length + c.hmac.secrets.length > 0;

const digest = (value: string): Buffer => createHash("sha256").update(value).digest();

/**
 * Constant time in the candidate's content and position: every candidate is compared (no early
 * exit), on SHA-256 digests so the lengths are always equal.
 */
const matchesAny = (presented: string, candidates: readonly string[]): boolean => {
  const given = digest(presented);
  let found = false;
  for (const candidate of candidates) found = timingSafeEqual(digest(candidate), given) || found;
  return found;
};

const fromAuthorization = (header: string, c: AlertCredentials): HeaderAuth => {
  const [scheme = "", ...rest] = header.trim().split(/\s+/);
  const value = rest.join(" ");
  if (/^bearer$/i.test(scheme) && c.bearerTokens.length > 0) {
    return matchesAny(value, c.bearerTokens) ? { kind: "authenticated", method: "bearer" } : { kind: "refused", reason: "invalid bearer token" };
  }
  if (/^basic$/i.test(scheme) && c.basic.length > 0) {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    return matchesAny(decoded, c.basic) ? { kind: "authenticated", method: "basic" } : { kind: "refused", reason: "invalid basic credentials" };
  }
  return { kind: "refused", reason: `unsupported authorization scheme "${scheme.slice(0, 20)}"` };
};

const headerValue = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

const fromSignature = (headers: IncomingHttpHeaders, c: AlertCredentials, nowMs: number): HeaderAuth | null => {
  const signature = headerValue(headers, c.hmac.header);
  if (signature === undefined || c.hmac.secrets.length === 0) return null;
  if (!/^[0-9a-fA-F]{64}$/.test(signature.trim())) return { kind: "refused", reason: "signature is not a hex HMAC-SHA256" };
  const timestamp = headerValue(headers, c.hmac.timestampHeader)?.trim() ?? "";
  if (!/^\d{1,12}$/.test(timestamp)) return { kind: "refused", reason: `missing or malformed ${c.hmac.timestampHeader}` };
  // both directions: a clock running ahead must not extend the window
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > c.hmac.maxAgeSeconds) {
    return { kind: "refused", reason: `signature timestamp outside the ${c.hmac.maxAgeSeconds}s window` };
  }
  return { kind: "signed", signature: Buffer.from(signature.trim(), "hex"), timestamp };
};

/**
 * What the headers say: authenticated (bearer, basic), signed (to verify against the body), or
 * refused. Reasons never contain a secret or the presented credential.
 */
export const authenticateHeaders = (headers: IncomingHttpHeaders, c: AlertCredentials, nowMs: number): HeaderAuth => {
  const authorization = headers.authorization;
  const fromHeader = authorization ? fromAuthorization(authorization, c) : null;
  if (fromHeader?.kind === "authenticated") return fromHeader;
  const signed = fromSignature(headers, c, nowMs);
  return signed ?? fromHeader ?? { kind: "refused", reason: "no credentials" };
};

/** Grafana's HMAC: hex(HMAC-SHA256(secret, "<timestamp>:" + body)); any configured secret may match. */
export const verifySignature = (body: Buffer, signed: { signature: Buffer; timestamp: string }, secrets: readonly string[]): boolean => {
  let found = false;
  for (const secret of secrets) {
    const expected = createHmac("sha256", secret).update(`${signed.timestamp}:`).update(body).digest();
    found = (signed.signature.length === expected.length && timingSafeEqual(expected, signed.signature)) || found;
  }
  return found;
};

/** `WWW-Authenticate` challenges for the methods that are configured. */
export const authChallenges = (c: AlertCredentials): string[] => [
  ...(c.bearerTokens.length > 0 ? ['Bearer realm="agenticops-alerts"'] : []),
  ...(c.basic.length > 0 ? ['Basic realm="agenticops-alerts", charset="UTF-8"'] : []),
  ...(c.hmac.secrets.length > 0 ? [`HMAC-SHA256 realm="agenticops-alerts", header="${c.hmac.header}", timestamp="${c.hmac.timestampHeader}"`] : []),
];
