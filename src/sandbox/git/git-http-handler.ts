import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { basename, dirname, join } from "node:path";
import type { GitStore } from "./git-store.js";
import { runCgi } from "./run-cgi.js";
import { hermeticGitEnv, runGit } from "./run-git.js";

export type GitService = "upload-pack" | "receive-pack";
export interface GitCredentials {
  username: string;
  password: string;
}

export interface GitHttpHandlerOptions {
  git: GitStore;
  /** Decides access; GitHub App clients send username `x-access-token` and the token as password. */
  authorize: (owner: string, repo: string, credentials: GitCredentials | null, service: GitService) => boolean | Promise<boolean>;
  /**
   * Extra environment for a push's receive-pack, and so for its hooks (the sandbox passes the
   * pusher's `workflows` permission to the pre-receive hook this way).
   */
  pushEnv?: (owner: string, repo: string, credentials: GitCredentials | null) => Record<string, string>;
  /** Called after each successful receive-pack; the push response ends once it has settled. */
  onPush?: (owner: string, repo: string) => unknown;
}

export type GitHttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

// Like GitHub, both `/owner/repo.git/...` and `/owner/repo/...` are accepted.
const ROUTE = /^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/;

/**
 * Git smart HTTP for the sandbox's repositories, served by `git http-backend` as a CGI.
 * Resolves false for any other URL so the caller can route it elsewhere.
 */
export function createGitHttpHandler(opts: GitHttpHandlerOptions): GitHttpHandler {
  let backend: Promise<string> | undefined;
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    const [, owner = "", repo = "", action = ""] = match;
    const service = serviceOf(action, url.searchParams.get("service"));
    const repoDir = repositoryDir(opts.git, owner, repo);
    if (repoDir === null) return reply(req, res, 404, "Repository not found.\n");

    const credentials = parseAuthorization(req.headers.authorization);
    if (!(await opts.authorize(owner, repo, credentials, service))) {
      // Known to be allowed to read but not to write: a permission problem, not a login problem.
      const canRead = credentials !== null && service === "receive-pack" && (await opts.authorize(owner, repo, credentials, "upload-pack"));
      if (canRead) return reply(req, res, 403, `Permission to ${owner}/${repo}.git denied.\n`);
      res.setHeader("WWW-Authenticate", 'Basic realm="GitHub"');
      return reply(req, res, 401, "Invalid username or token.\n");
    }

    backend ??= runGit(null, ["--exec-path"]).then((dir) => join(dir.trim(), "git-http-backend"));
    const env = cgiEnv(req, url, repoDir, action, credentials);
    if (action === "git-receive-pack") Object.assign(env, opts.pushEnv?.(owner, repo, credentials));
    const result = await runCgi(await backend, env, req, res);
    if (!result.responded) {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(`git http-backend failed: ${result.stderr.trim()}\n`);
      return true;
    }
    try {
      if (service === "receive-pack" && action === "git-receive-pack" && result.exitCode === 0) await opts.onPush?.(owner, repo);
    } finally {
      res.end();
    }
    return true;
  };
}

function serviceOf(action: string, queryService: string | null): GitService {
  if (action === "git-receive-pack" || (action === "info/refs" && queryService === "git-receive-pack")) return "receive-pack";
  return "upload-pack";
}

function repositoryDir(git: GitStore, owner: string, repo: string): string | null {
  try {
    const dir = git.repoPath(owner, repo);
    return existsSync(join(dir, "HEAD")) ? dir : null;
  } catch {
    return null;
  }
}

/** `Basic base64(user:pass)`; a bearer token is taken as the `x-access-token` user's password. */
export function parseAuthorization(header: string | undefined): GitCredentials | null {
  if (!header) return null;
  const [scheme = "", value = ""] = header.trim().split(/\s+/, 2);
  if (/^(bearer|token)$/i.test(scheme) && value) return { username: "x-access-token", password: value };
  if (!/^basic$/i.test(scheme)) return null;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon === -1) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function cgiEnv(req: IncomingMessage, url: URL, repoDir: string, action: string, credentials: GitCredentials | null): Record<string, string> {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  };
  const optional: Record<string, string | undefined> = {
    CONTENT_TYPE: header("content-type"),
    CONTENT_LENGTH: header("content-length"),
    // http-backend inflates gzip request bodies itself when told the encoding.
    HTTP_CONTENT_ENCODING: header("content-encoding"),
    // Carries `version=2`, without which clients fall back to protocol v0.
    HTTP_GIT_PROTOCOL: header("git-protocol"),
    REMOTE_USER: credentials?.username,
  };
  const env = hermeticGitEnv({
    GATEWAY_INTERFACE: "CGI/1.1",
    SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    REQUEST_METHOD: req.method ?? "GET",
    // The repository's own directory is the project root, so the store's layout stays its business.
    GIT_PROJECT_ROOT: dirname(repoDir),
    PATH_INFO: `/${basename(repoDir)}/${action}`,
    QUERY_STRING: url.search.replace(/^\?/, ""),
    GIT_HTTP_EXPORT_ALL: "1",
    REMOTE_ADDR: req.socket.remoteAddress ?? "127.0.0.1",
  });
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) env[key] = value;
  return env;
}

function reply(req: IncomingMessage, res: ServerResponse, status: number, body: string): true {
  // The body (a pack, for a push) is not wanted; drain it so the connection can be reused.
  req.resume();
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" }).end(body);
  return true;
}
