import { RestError } from "../rest/rest-route.js";

/** Why GitHub refused the credentials; code branches on this, never on the message. */
export type AuthFailureReason =
  | "jwt-malformed"
  | "jwt-bad-signature"
  | "jwt-unsupported-alg"
  | "jwt-iat-invalid"
  | "jwt-expired"
  | "jwt-exp-too-far"
  | "app-not-found"
  | "installation-not-found"
  | "bad-credentials";

/** The messages github.com answers with, so clients see the same text as in production. */
const MESSAGES: Record<AuthFailureReason, string> = {
  "jwt-malformed": "A JSON web token could not be decoded",
  "jwt-bad-signature": "A JSON web token could not be decoded",
  "jwt-unsupported-alg": "A JSON web token could not be decoded",
  "jwt-iat-invalid":
    "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued.",
  "jwt-expired":
    "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.",
  "jwt-exp-too-far": "'Expiration time' claim ('exp') is too far in the future",
  "app-not-found": "Integration not found",
  "installation-not-found": "Not Found",
  "bad-credentials": "Bad credentials",
};

const STATUS: Partial<Record<AuthFailureReason, number>> = { "installation-not-found": 404 };

/** A refused authentication, thrown where a route can let the server render GitHub's error body. */
export class AuthError extends RestError {
  constructor(readonly reason: AuthFailureReason) {
    super(STATUS[reason] ?? 401, MESSAGES[reason]);
    this.name = "AuthError";
  }

  toFailure(): AuthFailure {
    return { kind: "failure", status: this.status, reason: this.reason, message: this.message };
  }
}

/** What `authenticate` returns instead of a caller when the credentials are refused. */
export interface AuthFailure {
  kind: "failure";
  status: number;
  reason: AuthFailureReason;
  message: string;
}

export const authFailure = (reason: AuthFailureReason): AuthFailure => new AuthError(reason).toFailure();
