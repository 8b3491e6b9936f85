import { describe, test, expect, beforeAll } from "@jest/globals";
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { AppAuth, AuthError, isAuthFailure } from "../../src/sandbox/auth/app-auth.js";

const APP_ID = 4711;
const INSTALLATION_ID = 42;
const T0 = new Date("2025-03-01T12:00:00Z");
const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

const rsaKeys = (): { privatePem: string; publicPem: string; privateKey: KeyObject } => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKey,
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
};

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Signs like any GitHub App client: RS256 over `header.payload`. */
const jwt = (key: KeyObject, payload: Record<string, unknown>, header: Record<string, unknown> = { alg: "RS256", typ: "JWT" }) => {
  const signingInput = `${b64(header)}.${b64(payload)}`;
  return `${signingInput}.${sign("RSA-SHA256", Buffer.from(signingInput), key).toString("base64url")}`;
};

let appKeys: ReturnType<typeof rsaKeys>;
let strangerKeys: ReturnType<typeof rsaKeys>;

beforeAll(() => {
  appKeys = rsaKeys();
  strangerKeys = rsaKeys();
});

const setup = (options: { tokenTtlMs?: number } = {}) => {
  const clock = { now: new Date(T0) };
  const auth = new AppAuth({ now: () => clock.now, ...options });
  auth.registerApp({ id: APP_ID, slug: "agenticops", publicKeyPem: appKeys.publicPem, permissions: { contents: "write", pull_requests: "write", checks: "read" } });
  auth.registerInstallation({ id: INSTALLATION_ID, appId: APP_ID, account: "acme" });
  return { auth, clock };
};

const validClaims = (iss: number | string = APP_ID) => ({ iat: seconds(T0) - 30, exp: seconds(T0) + 570, iss });

const rejection = (run: () => unknown): AuthError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error("expected an AuthError");
};

describe("verifyJwt", () => {
  test("accepts an RS256 JWT signed with the app's key, iss as number or string", () => {
    const { auth } = setup();
    expect(auth.verifyJwt(jwt(appKeys.privateKey, validClaims()))).toEqual({ appId: APP_ID });
    expect(auth.verifyJwt(jwt(appKeys.privateKey, validClaims(String(APP_ID))))).toEqual({ appId: APP_ID });
  });

  test("rejects a JWT signed with another key", () => {
    const error = rejection(() => setup().auth.verifyJwt(jwt(strangerKeys.privateKey, validClaims())));
    expect(error).toMatchObject({ status: 401, reason: "jwt-bad-signature", message: "A JSON web token could not be decoded" });
  });

  test("rejects algorithms other than RS256 and garbage", () => {
    const { auth } = setup();
    const hs256 = jwt(appKeys.privateKey, validClaims(), { alg: "HS256", typ: "JWT" });
    const none = `${b64({ alg: "none" })}.${b64(validClaims())}.`;
    expect(rejection(() => auth.verifyJwt(hs256)).reason).toBe("jwt-unsupported-alg");
    expect(rejection(() => auth.verifyJwt(none)).reason).toBe("jwt-unsupported-alg");
    expect(rejection(() => auth.verifyJwt("not.a.jwt")).message).toBe("A JSON web token could not be decoded");
  });

  test("rejects an unknown app", () => {
    const error = rejection(() => setup().auth.verifyJwt(jwt(appKeys.privateKey, validClaims(999))));
    expect(error).toMatchObject({ status: 401, reason: "app-not-found", message: "Integration not found" });
  });

  test("rejects an expired JWT with GitHub's message", () => {
    const { auth, clock } = setup();
    const token = jwt(appKeys.privateKey, validClaims());
    clock.now = new Date(T0.getTime() + 571_000);
    expect(rejection(() => auth.verifyJwt(token)).message).toBe(
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.",
    );
  });

  test("rejects exp more than 10 minutes after iat, and iat in the future beyond 60 s drift", () => {
    const { auth } = setup();
    const tooLong = jwt(appKeys.privateKey, { iat: seconds(T0), exp: seconds(T0) + 601, iss: APP_ID });
    expect(rejection(() => auth.verifyJwt(tooLong)).message).toBe("'Expiration time' claim ('exp') is too far in the future");
    const drifted = jwt(appKeys.privateKey, { iat: seconds(T0) + 50, exp: seconds(T0) + 600, iss: APP_ID });
    expect(auth.verifyJwt(drifted)).toEqual({ appId: APP_ID });
    const future = jwt(appKeys.privateKey, { iat: seconds(T0) + 90, exp: seconds(T0) + 600, iss: APP_ID });
    expect(rejection(() => auth.verifyJwt(future)).reason).toBe("jwt-iat-invalid");
  });

  test("accepts the JWT @octokit/auth-app (Probot's client) produces", async () => {
    const auth = new AppAuth();
    auth.registerApp({ id: APP_ID, slug: "agenticops", publicKeyPem: appKeys.publicPem });
    const { token } = await createAppAuth({ appId: APP_ID, privateKey: appKeys.privatePem })({ type: "app" });
    expect(auth.authenticate(`bearer ${token}`)).toEqual({ kind: "app", appId: APP_ID });
  });
});

describe("installation tokens", () => {
  test("are ghs_ tokens carrying the app's permissions and authenticate as the bot", () => {
    const { auth } = setup();
    const created = auth.createInstallationToken(INSTALLATION_ID, APP_ID);
    expect(created.token).toMatch(/^ghs_[0-9A-Za-z]{36}$/);
    expect(created).toMatchObject({
      expires_at: "2025-03-01T13:00:00Z",
      repository_selection: "all",
      permissions: { contents: "write", pull_requests: "write", checks: "read", metadata: "read" },
    });
    const bot = { kind: "installation", installationId: INSTALLATION_ID, appId: APP_ID, login: "agenticops[bot]" };
    expect(auth.authenticate(`token ${created.token}`)).toEqual(bot);
    expect(auth.authenticate(`Bearer ${created.token}`)).toEqual(bot);
    expect(auth.createInstallationToken(INSTALLATION_ID, APP_ID).token).not.toBe(created.token);
  });

  test("expire after the configured lifetime", () => {
    const { auth, clock } = setup({ tokenTtlMs: 60_000 });
    const { token, expires_at } = auth.createInstallationToken(INSTALLATION_ID, APP_ID);
    expect(expires_at).toBe("2025-03-01T12:01:00Z");
    clock.now = new Date(T0.getTime() + 59_000);
    expect(auth.authenticate(`token ${token}`)).toMatchObject({ kind: "installation" });
    clock.now = new Date(T0.getTime() + 60_000);
    expect(auth.authenticate(`token ${token}`)).toEqual({ kind: "failure", status: 401, reason: "bad-credentials", message: "Bad credentials" });
  });

  test("are refused for another app's installation", () => {
    const { auth } = setup();
    auth.registerApp({ id: 5, slug: "other", publicKeyPem: strangerKeys.publicPem });
    expect(rejection(() => auth.createInstallationToken(INSTALLATION_ID, 5))).toMatchObject({ status: 404, message: "Not Found" });
    expect(rejection(() => auth.createInstallationToken(77, APP_ID)).reason).toBe("installation-not-found");
  });
});

describe("authenticate", () => {
  test("maps headers to callers like GitHub", () => {
    const { auth } = setup();
    auth.registerUserToken("ghp_humantoken", "octocat");
    expect(auth.authenticate(undefined)).toEqual({ kind: "anonymous" });
    expect(auth.authenticate("token ghp_humantoken")).toEqual({ kind: "user", login: "octocat" });
    expect(auth.authenticate(`Bearer ${jwt(appKeys.privateKey, validClaims())}`)).toEqual({ kind: "app", appId: APP_ID });
    const unknown = auth.authenticate("token ghs_unknown");
    expect(isAuthFailure(unknown) && unknown.message).toBe("Bad credentials");
    const expiredJwt = jwt(appKeys.privateKey, { iat: seconds(T0) - 700, exp: seconds(T0) - 100, iss: APP_ID });
    expect(auth.authenticate(`Bearer ${expiredJwt}`)).toMatchObject({ kind: "failure", status: 401, reason: "jwt-expired" });
    expect(auth.authenticate("Digest abc")).toMatchObject({ kind: "failure", status: 401 });
  });

  test("answers git-over-HTTP basic credentials", () => {
    const { auth, clock } = setup();
    auth.registerUserToken("ghp_humantoken", "octocat");
    const { token } = auth.createInstallationToken(INSTALLATION_ID, APP_ID);
    expect(auth.verifyBasicGitCredentials("x-access-token", token)).toMatchObject({ kind: "installation", login: "agenticops[bot]" });
    expect(auth.verifyBasicGitCredentials("octocat", token)).toBeNull();
    expect(auth.verifyBasicGitCredentials("anyone", "ghp_humantoken")).toEqual({ kind: "user", login: "octocat" });
    expect(auth.verifyBasicGitCredentials("x-access-token", "wrong")).toBeNull();
    const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
    expect(auth.authenticate(`Basic ${basic}`)).toMatchObject({ kind: "installation" });
    clock.now = new Date(T0.getTime() + 3_600_000);
    expect(auth.verifyBasicGitCredentials("x-access-token", token)).toBeNull();
  });
});

describe("hasPermission", () => {
  test("follows the app's permissions for installations", () => {
    const { auth } = setup();
    const { token } = auth.createInstallationToken(INSTALLATION_ID, APP_ID);
    const bot = auth.authenticate(`token ${token}`);
    if (isAuthFailure(bot)) throw new Error(bot.message);
    expect(auth.hasPermission(bot, "contents", "write")).toBe(true);
    expect(auth.hasPermission(bot, "checks", "read")).toBe(true);
    expect(auth.hasPermission(bot, "checks", "write")).toBe(false);
    expect(auth.hasPermission(bot, "workflows", "write")).toBe(false);
    expect(auth.hasPermission(bot, "metadata", "read")).toBe(true);
    expect(auth.hasPermission({ kind: "app", appId: APP_ID }, "contents", "read")).toBe(false);
    expect(auth.hasPermission({ kind: "user", login: "octocat" }, "workflows", "write")).toBe(true);
    expect(auth.hasPermission({ kind: "anonymous" }, "contents", "write")).toBe(false);
  });
});
