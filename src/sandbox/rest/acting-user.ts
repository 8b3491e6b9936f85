import type { GitIdentity } from "../git/git-store.js";
import type { SandboxState, UserRecord } from "../state/sandbox-state.js";
import { RestError, type RestContext, type RestRequest } from "./rest-route.js";

const NOREPLY = /^(\d+)\+([^@]+)@users\.noreply\.github\.com$/i;

/**
 * The user a write acts as: an installation token acts as its `<slug>[bot]` Bot user, a user token
 * as that user. Anonymous callers get GitHub's 401; an app JWT cannot write to repositories (403).
 */
export const actingUser = (req: RestRequest, ctx: RestContext): UserRecord => {
  const { caller } = req;
  switch (caller.kind) {
    case "installation": {
      const login = caller.login.endsWith("[bot]") ? caller.login : `${caller.login}[bot]`;
      return ctx.state.ensureUser(login, "Bot");
    }
    case "user":
      return ctx.state.ensureUser(caller.login);
    case "app":
      throw new RestError(403, "Resource not accessible by integration");
    case "anonymous":
      throw new RestError(401, "Requires authentication");
  }
};

/** The git identity GitHub records for commits made through the API by `user`. */
export const gitIdentityOf = (user: UserRecord, date?: string): GitIdentity => ({
  name: user.login,
  email: `${user.id}+${user.login}@users.noreply.github.com`,
  ...(date === undefined ? {} : { date }),
});

/**
 * The GitHub user behind a git identity, as GitHub links commits to accounts: by noreply address,
 * else by a known login equal to the name or to the address's local part. Unknown → undefined.
 */
export const userOfIdentity = (state: SandboxState, identity: { name: string; email: string }): UserRecord | undefined => {
  const noreply = NOREPLY.exec(identity.email);
  const candidates = [noreply?.[2], identity.name, identity.email.split("@")[0]];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const user = state.users.get(candidate) ?? [...state.users.values()].find((u) => u.login.toLowerCase() === candidate.toLowerCase());
    if (user) return user;
  }
  return undefined;
};
