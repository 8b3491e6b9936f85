import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BareGitStore } from "../../../src/sandbox/git/bare-git-store.js";
import { OpenApiValidator } from "../../../src/sandbox/openapi/openapi-validator.js";
import type { Caller, RestContext, RestResponse, RestRoute } from "../../../src/sandbox/rest/rest-route.js";
import { SandboxState, type RepoState } from "../../../src/sandbox/state/sandbox-state.js";
import { callRoute, type RouteCall } from "./call-route.js";

export const alice: Caller = { kind: "user", login: "alice" };
export const bob: Caller = { kind: "user", login: "bob" };
export const mallory: Caller = { kind: "user", login: "mallory" };
export const bot: Caller = { kind: "installation", installationId: 7, appId: 42, login: "agenticops" };

export interface SandboxRestFixture {
  ctx: RestContext;
  state: SandboxState;
  repoState: RepoState;
  /** sha of main's first commit */
  mainSha: string;
  call: (method: RestRoute["method"], path: string, call?: RouteCall) => Promise<RestResponse & { body: any }>;
  commit: (branch: string, files: Record<string, string | null>, message?: string) => Promise<string>;
  /** Schema problems of a response against GitHub's description (empty when it conforms). */
  problems: (method: string, path: string, res: RestResponse) => string[];
  cleanup: () => Promise<void>;
}

/** acme/shop with a seeded main branch: alice admin, bob writer, mallory a stranger; a clock ticking 1 s per reading. */
export const createSandboxRestFixture = async (routes: readonly RestRoute[]): Promise<SandboxRestFixture> => {
  const root = await mkdtemp(join(tmpdir(), "sandbox-rest-"));
  const git = new BareGitStore(root);
  const state = new SandboxState();
  let tick = 0;
  state.now = () => new Date(Date.UTC(2024, 4, 1, 12, 0, tick++));
  const repoState = state.addRepo({ owner: "acme", name: "shop", defaultBranch: "main", private: false, installationId: 7, collaborators: { alice: "admin", bob: "write" } });
  for (const login of ["alice", "bob", "mallory"]) state.ensureUser(login);
  await git.createRepo("acme", "shop", "main");
  const ctx: RestContext = { state, git, origin: "http://127.0.0.1:4711", apiUrl: "http://127.0.0.1:4711/api/v3" };
  const validator = await OpenApiValidator.load();
  const commit = (branch: string, files: Record<string, string | null>, message = "change") =>
    git.commitFiles("acme", "shop", branch, { message, files, author: { name: "alice", email: "alice@example.invalid", date: state.timestamp() } });
  const mainSha = await commit("main", { "README.md": "# shop\n" }, "initial");
  return {
    ctx,
    state,
    repoState,
    mainSha,
    call: async (method, path, call = {}) =>
      (await callRoute(routes, ctx, method, path, { ...call, params: { owner: "acme", repo: "shop", ...call.params } })) as RestResponse & { body: any },
    commit,
    problems: (method, path, res) =>
      validator.validateResponse(path, method, res.status, res.body).map((p) => `${p.location}${p.path}: ${p.message}`),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
};
