import type { Caller, RestRoute } from "../../../src/sandbox/rest/rest-route.js";
import { createGitRouteFixture, type GitRouteFixture } from "./git-route-fixture.js";

export const alice: Caller = { kind: "user", login: "alice" };
export const bob: Caller = { kind: "user", login: "bob" };
export const mallory: Caller = { kind: "user", login: "mallory" };
export const bot: Caller = { kind: "installation", installationId: 7, appId: 42, login: "agenticops" };

export type SandboxRestFixture = GitRouteFixture;

/** acme/shop with a README on main: alice admin, bob writer, mallory a stranger. */
export const createSandboxRestFixture = (routes: readonly RestRoute[]): Promise<SandboxRestFixture> =>
  createGitRouteFixture(routes, { collaborators: { alice: "admin", bob: "write" }, files: { "README.md": "# shop\n" } });
