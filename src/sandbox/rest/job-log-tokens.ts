import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { SandboxState } from "../state/sandbox-state.js";

/** GitHub's pre-signed log URLs expire after a minute. */
const TTL_MS = 60_000;

// One signing key per sandbox; held beside the state, not in it, so it never appears in snapshots.
const keys = new WeakMap<SandboxState, Buffer>();

const keyOf = (state: SandboxState): Buffer => {
  let key = keys.get(state);
  if (!key) {
    key = randomBytes(32);
    keys.set(state, key);
  }
  return key;
};

const sign = (state: SandboxState, jobId: number, expires: number): string =>
  createHmac("sha256", keyOf(state)).update(`job-log:${jobId}:${expires}`).digest("base64url");

/** An opaque, expiring token granting read access to one job's log (like GitHub's signed URL). */
export const issueJobLogToken = (state: SandboxState, jobId: number): string => {
  const expires = state.now().getTime() + TTL_MS;
  return `${expires}.${sign(state, jobId, expires)}`;
};

export const verifyJobLogToken = (state: SandboxState, jobId: number, token: string): boolean => {
  const [rawExpires, signature] = token.split(".");
  const expires = Number(rawExpires);
  if (!signature || !Number.isSafeInteger(expires) || expires < state.now().getTime()) return false;
  const expected = Buffer.from(sign(state, jobId, expires));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
};
