import { createPublicKey, randomInt, type KeyObject } from "node:crypto";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { Caller } from "../rest/rest-route.js";
import { AuthError, authFailure, type AuthFailure } from "./auth-error.js";
import { looksLikeJwt, verifyAppJwt } from "./verify-app-jwt.js";

export { AuthError, type AuthFailure, type AuthFailureReason } from "./auth-error.js";

export type PermissionLevel = "read" | "write";
export type AppPermissions = Record<string, PermissionLevel>;

export interface AppAuthOptions {
  /** Injectable clock so tests can move time past a token's expiry. */
  now?: () => Date;
  /** Installation token lifetime; GitHub's is one hour. */
  tokenTtlMs?: number;
}

export interface AppRegistration {
  id: number;
  slug: string;
  /** PEM of the app's public key (a private key PEM also works: the public half is derived). */
  publicKeyPem: string;
  /** The manifest's `default_permissions`. */
  permissions?: AppPermissions;
}

export interface InstallationRegistration {
  id: number;
  appId: number;
  account: string;
}

export interface InstallationToken {
  token: string;
  expires_at: string;
  permissions: Record<string, string>;
  repository_selection: "all";
}

interface RegisteredApp {
  slug: string;
  key: KeyObject;
  permissions: AppPermissions;
}

interface IssuedToken {
  installationId: number;
  appId: number;
  expiresAtMs: number;
}

const DEFAULT_TOKEN_TTL_MS = 60 * 60 * 1000;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** GitHub grants every installation read access to repository metadata. */
const IMPLICIT_PERMISSIONS: AppPermissions = { metadata: "read" };

const randomBase62 = (length: number): string =>
  Array.from({ length }, () => BASE62[randomInt(BASE62.length)]).join("");

/** GitHub's timestamps carry no milliseconds. */
const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The sandbox's side of GitHub App authentication: app JWTs, installation tokens and user tokens. */
export class AppAuth {
  private readonly now: () => Date;
  private readonly tokenTtlMs: number;
  private readonly apps = new Map<number, RegisteredApp>();
  private readonly installations = new Map<number, InstallationRegistration>();
  private readonly installationTokens = new Map<string, IssuedToken>();
  private readonly userTokens = new Map<string, string>();

  constructor(options: AppAuthOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.tokenTtlMs = options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS;
  }

  registerApp(app: AppRegistration): void {
    let key: KeyObject;
    try {
      key = createPublicKey(app.publicKeyPem);
    } catch (cause) {
      throw new AgenticOpsError("SANDBOX_FAILED", `App ${app.id} has an unreadable public key`, {
        cause,
        hint: "Pass the PEM of the app's RSA key pair (SPKI public key or PKCS#1/PKCS#8 private key).",
      });
    }
    this.apps.set(app.id, { slug: app.slug, key, permissions: { ...IMPLICIT_PERMISSIONS, ...app.permissions } });
  }

  registerInstallation(inst: InstallationRegistration): void {
    if (!this.apps.has(inst.appId)) {
      throw new AgenticOpsError("SANDBOX_FAILED", `Installation ${inst.id} refers to unknown app ${inst.appId}`, {
        hint: "Register the app before its installations.",
      });
    }
    this.installations.set(inst.id, { ...inst });
  }

  registerUserToken(token: string, login: string): void {
    this.userTokens.set(token, login);
  }

  getApp(appId: number): { id: number; slug: string; permissions: AppPermissions } | undefined {
    const app = this.apps.get(appId);
    return app && { id: appId, slug: app.slug, permissions: { ...app.permissions } };
  }

  getInstallation(installationId: number): InstallationRegistration | undefined {
    const inst = this.installations.get(installationId);
    return inst && { ...inst };
  }

  listInstallations(appId: number): InstallationRegistration[] {
    return [...this.installations.values()].filter((inst) => inst.appId === appId).map((inst) => ({ ...inst }));
  }

  /** Throws `AuthError` (401, GitHub's message) unless the JWT is one GitHub would accept. */
  verifyJwt(token: string): { appId: number } {
    return verifyAppJwt(token, (appId) => this.apps.get(appId)?.key, this.now().getTime());
  }

  /** POST /app/installations/{id}/access_tokens; the installation must belong to the calling app. */
  createInstallationToken(installationId: number, appId: number): InstallationToken {
    const inst = this.installations.get(installationId);
    const app = this.apps.get(appId);
    if (!inst || !app || inst.appId !== appId) throw new AuthError("installation-not-found");
    const token = `ghs_${randomBase62(36)}`;
    const expiresAtMs = this.now().getTime() + this.tokenTtlMs;
    this.installationTokens.set(token, { installationId, appId, expiresAtMs });
    return {
      token,
      expires_at: isoSeconds(expiresAtMs),
      permissions: { ...app.permissions },
      repository_selection: "all",
    };
  }

  /** Resolves an `Authorization` header to a caller, or to GitHub's 401 when it is refused. */
  authenticate(authorizationHeader: string | undefined): Caller | AuthFailure {
    const header = authorizationHeader?.trim();
    if (!header) return { kind: "anonymous" };
    const match = /^(\S+)\s+(\S+)$/.exec(header);
    const scheme = match?.[1]?.toLowerCase();
    const credential = match?.[2];
    if (!scheme || !credential) return authFailure("bad-credentials");
    if (scheme === "basic") return this.authenticateBasic(credential);
    if (scheme !== "bearer" && scheme !== "token") return authFailure("bad-credentials");
    if (looksLikeJwt(credential)) return this.authenticateJwt(credential);
    return this.callerForToken(credential) ?? authFailure("bad-credentials");
  }

  /** Git over HTTP: `x-access-token:<installation token>`, or any username with a user token. */
  verifyBasicGitCredentials(username: string, password: string): Caller | null {
    const caller = this.callerForToken(password);
    if (caller?.kind === "installation" && username !== "x-access-token") return null;
    return caller ?? null;
  }

  /** Whether the caller may use `permission` at `level`, like GitHub's "Resource not accessible by integration". */
  hasPermission(caller: Caller, permission: string, level: PermissionLevel): boolean {
    switch (caller.kind) {
      case "user":
        return true;
      case "anonymous":
        return level === "read";
      case "app":
        // An app's JWT only reaches the /app endpoints, never repository resources.
        return false;
      case "installation": {
        const granted = this.apps.get(caller.appId)?.permissions[permission];
        return granted === "write" || (granted === "read" && level === "read");
      }
    }
  }

  private authenticateJwt(token: string): Caller | AuthFailure {
    try {
      return { kind: "app", appId: this.verifyJwt(token).appId };
    } catch (error) {
      if (error instanceof AuthError) return error.toFailure();
      throw error;
    }
  }

  private authenticateBasic(encoded: string): Caller | AuthFailure {
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return authFailure("bad-credentials");
    return this.verifyBasicGitCredentials(decoded.slice(0, colon), decoded.slice(colon + 1)) ?? authFailure("bad-credentials");
  }

  private callerForToken(token: string): Caller | undefined {
    const issued = this.installationTokens.get(token);
    if (issued) {
      if (issued.expiresAtMs <= this.now().getTime()) return undefined;
      const slug = this.apps.get(issued.appId)?.slug ?? String(issued.appId);
      return { kind: "installation", installationId: issued.installationId, appId: issued.appId, login: `${slug}[bot]` };
    }
    const login = this.userTokens.get(token);
    return login === undefined ? undefined : { kind: "user", login };
  }
}

export const isAuthFailure = (result: Caller | AuthFailure): result is AuthFailure => result.kind === "failure";
