import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BareGitStore } from "../../../src/sandbox/git/bare-git-store.js";
import { OpenApiValidator } from "../../../src/sandbox/openapi/openapi-validator.js";
import type { Caller, RestContext, RestResponse, RestRoute } from "../../../src/sandbox/rest/rest-route.js";
import { SandboxState, type RepoState } from "../../../src/sandbox/state/sandbox-state.js";
import { callRoute, type RouteCall } from "./call-route.js";

export const OWNER = "acme";
export const REPO = "shop";
export const alice: Caller = { kind: "user", login: "alice" };
export const bob: Caller = { kind: "user", login: "bob" };
export const carol: Caller = { kind: "user", login: "carol" };
export const bot: Caller = { kind: "installation", installationId: 7, appId: 1, login: "agenticops" };

export interface GitRouteFixture {
  ctx: RestContext;
  git: BareGitStore;
  state: SandboxState;
  repoState: RepoState;
  /** sha of main's first commit */
  mainSha: string;
  validator: OpenApiValidator;
  /** Calls a route of `routes` on acme/shop (owner/repo params filled in). */
  call: (method: RestRoute["method"], path: string, call?: RouteCall) => Promise<RestResponse & { body: any }>;
  /** Commits files to a branch directly in git, as a push would. */
  commit: (branch: string, files: Record<string, string | null>, message?: string) => Promise<string>;
  /** Schema problems of a response against GitHub's description (empty when it conforms). */
  problems: (method: string, path: string, res: RestResponse) => string[];
  cleanup: () => Promise<void>;
}

export interface GitRouteFixtureOptions {
  collaborators?: Record<string, "admin" | "write" | "read">;
  /** files of main's first commit */
  files?: Record<string, string>;
}

/**
 * A sandbox with one repository, acme/shop (by default alice admin, bob and carol writers), its
 * main branch seeded; a clock ticking one second per reading.
 */
export const createGitRouteFixture = async (routes: readonly RestRoute[], options: GitRouteFixtureOptions = {}): Promise<GitRouteFixture> => {
  const root = await mkdtemp(join(tmpdir(), "git-routes-"));
  const git = new BareGitStore(root);
  const state = new SandboxState();
  let tick = 0;
  // A clock that moves a second per reading keeps commit dates ordered and deterministic.
  state.now = () => new Date(Date.UTC(2024, 4, 1, 12, 0, tick++));
  const collaborators = options.collaborators ?? { alice: "admin", bob: "write", carol: "write" };
  const repoState = state.addRepo({ owner: OWNER, name: REPO, defaultBranch: "main", private: false, installationId: 7, collaborators });
  for (const login of [...Object.keys(collaborators), "mallory"]) state.ensureUser(login);
  await git.createRepo(OWNER, REPO, "main");
  const ctx: RestContext = { state, git, origin: "http://127.0.0.1:4711", apiUrl: "http://127.0.0.1:4711/api/v3" };
  const validator = await OpenApiValidator.load();
  const commit = (branch: string, files: Record<string, string | null>, message = "change") =>
    git.commitFiles(OWNER, REPO, branch, { message, files, author: { name: "alice", email: "alice@example.invalid", date: state.timestamp() } });
  const mainSha = await commit("main", options.files ?? { "README.md": "# shop\n", "src/app.ts": "export const port = 3000;\n" }, "initial");
  return {
    ctx,
    git,
    state,
    repoState,
    mainSha,
    validator,
    call: async (method, path, call = {}) =>
      (await callRoute(routes, ctx, method, path, { ...call, params: { owner: OWNER, repo: REPO, ...call.params } })) as RestResponse & { body: any },
    commit,
    problems: (method, path, res) =>
      validator.validateResponse(path, method, res.status, res.body).map((p) => `${p.location}${p.path}: ${p.message}`),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
};
