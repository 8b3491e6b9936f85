import { verify, type KeyObject } from "node:crypto";
import { AuthError } from "./auth-error.js";

/** GitHub refuses JWTs that live longer than ten minutes. */
const MAX_LIFETIME_SECONDS = 10 * 60;
/** GitHub tolerates clocks that run up to a minute ahead of its own when checking `iat`. */
const CLOCK_DRIFT_SECONDS = 60;

const decodeJson = (part: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through: GitHub gives the same answer for every undecodable token
  }
  throw new AuthError("jwt-malformed");
};

/** `iss` is the app id; Probot sends a number, other clients a numeric string. */
const issuerAppId = (iss: unknown): number | undefined => {
  if (typeof iss === "number" && Number.isSafeInteger(iss)) return iss;
  if (typeof iss === "string" && /^\d+$/.test(iss)) return Number(iss);
  return undefined;
};

export const looksLikeJwt = (credential: string): boolean =>
  /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(credential);

/**
 * Checks an app's RS256 JWT the way github.com does: header, issuer, signature, then the time claims.
 * Throws `AuthError` with GitHub's message on any refusal.
 */
export const verifyAppJwt = (
  token: string,
  publicKeyFor: (appId: number) => KeyObject | undefined,
  nowMs: number,
): { appId: number } => {
  const parts = token.split(".");
  const [headerPart, payloadPart, signaturePart] = parts;
  if (parts.length !== 3 || !headerPart || !payloadPart) throw new AuthError("jwt-malformed");
  const header = decodeJson(headerPart);
  // Checked before the signature so `alg: none` tokens (no signature) are named for what they are.
  if (header["alg"] !== "RS256") throw new AuthError("jwt-unsupported-alg");
  if (!signaturePart) throw new AuthError("jwt-bad-signature");
  const payload = decodeJson(payloadPart);

  const appId = issuerAppId(payload["iss"]);
  const key = appId === undefined ? undefined : publicKeyFor(appId);
  if (appId === undefined || !key) throw new AuthError("app-not-found");

  const signed = Buffer.from(`${headerPart}.${payloadPart}`, "utf8");
  if (!verify("RSA-SHA256", signed, key, Buffer.from(signaturePart, "base64url"))) {
    throw new AuthError("jwt-bad-signature");
  }

  const now = Math.floor(nowMs / 1000);
  const { iat, exp } = payload;
  if (typeof iat !== "number" || !Number.isInteger(iat) || iat > now + CLOCK_DRIFT_SECONDS) {
    throw new AuthError("jwt-iat-invalid");
  }
  if (typeof exp !== "number" || !Number.isFinite(exp) || exp <= now) throw new AuthError("jwt-expired");
  if (exp - iat > MAX_LIFETIME_SECONDS) throw new AuthError("jwt-exp-too-far");
  return { appId };
};
