import type { SandboxState } from "../state/sandbox-state.js";
import { nodeId, type RenderEnv } from "./render-env.js";
import { renderUser } from "./render-user.js";

const GITHUB_ACTIONS_ID = 15368;

/** Who owns an app: GitHub for Actions, else the account of an installation of it. */
const ownerOf = (state: SandboxState, appId: number): string => {
  if (appId === GITHUB_ACTIONS_ID) return "github";
  for (const installation of state.installations.values()) if (installation.appId === appId) return installation.account;
  return "github";
};

/** GitHub's `integration` (a GitHub App) as embedded in check runs and suites. */
export const renderIntegration = (env: RenderEnv, appId: number, slug: string): Record<string, unknown> => ({
  id: appId,
  slug,
  node_id: nodeId("Integration", appId),
  owner: renderUser(env.state.ensureUser(ownerOf(env.state, appId)), env.apiUrl, env.origin),
  name: slug === "github-actions" ? "GitHub Actions" : slug,
  description: null,
  external_url: `${env.origin}/apps/${slug}`,
  html_url: `${env.origin}/apps/${slug}`,
  created_at: "2018-01-01T00:00:00Z",
  updated_at: "2018-01-01T00:00:00Z",
  permissions: { checks: "write", contents: "read", metadata: "read" },
  events: [],
});
