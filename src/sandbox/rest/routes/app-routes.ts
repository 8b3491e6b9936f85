import type { AppAuth } from "../../auth/app-auth.js";
import type { InstallationRecord, SandboxState } from "../../state/sandbox-state.js";
import { renderUser } from "../../render/render-user.js";
import { notFound, type RestContext, type RestRoute } from "../rest-route.js";
import { requireRepo } from "../require-repo.js";

export interface SandboxApp {
  id: number;
  slug: string;
  name: string;
  owner: string;
  permissions: Record<string, string>;
  events: string[];
}

const renderInstallation = (inst: InstallationRecord, app: SandboxApp, state: SandboxState, ctx: RestContext) => {
  const account = renderUser(state.ensureUser(inst.account), ctx.apiUrl, ctx.origin);
  const now = state.timestamp();
  return {
    id: inst.id,
    account,
    repository_selection: "selected",
    access_tokens_url: `${ctx.apiUrl}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${ctx.apiUrl}/installation/repositories`,
    html_url: `${ctx.origin}/settings/installations/${inst.id}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: account["id"],
    target_type: "Organization",
    permissions: app.permissions,
    events: app.events,
    created_at: now,
    updated_at: now,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
};

/** The GitHub App endpoints: called with the app's JWT, like on github.com. */
export const appRoutes = (auth: AppAuth, apps: () => SandboxApp[]): RestRoute[] => {
  const appOf = (appId: number): SandboxApp => {
    const app = apps().find((a) => a.id === appId);
    if (!app) throw notFound();
    return app;
  };
  const appIdOf = (caller: { kind: string; appId?: number }): number => (caller.kind === "app" && caller.appId !== undefined ? caller.appId : 0);
  const installationOf = (ctx: RestContext, id: string | undefined, appId: number): InstallationRecord => {
    const inst = ctx.state.installations.get(Number(id));
    if (!inst || inst.appId !== appId) throw notFound();
    return inst;
  };
  return [
    {
      method: "GET",
      path: "/app",
      handler: (req, ctx) => {
        const app = appOf(appIdOf(req.caller));
        const now = ctx.state.timestamp();
        return {
          status: 200,
          body: {
            id: app.id,
            slug: app.slug,
            node_id: Buffer.from(`03:Integration${app.id}`).toString("base64"),
            client_id: `Iv1.${app.id}`,
            owner: renderUser(ctx.state.ensureUser(app.owner), ctx.apiUrl, ctx.origin),
            name: app.name,
            description: null,
            external_url: ctx.origin,
            html_url: `${ctx.origin}/apps/${app.slug}`,
            created_at: now,
            updated_at: now,
            permissions: app.permissions,
            events: app.events,
            installations_count: [...ctx.state.installations.values()].filter((i) => i.appId === app.id).length,
          },
        };
      },
    },
    {
      method: "GET",
      path: "/app/installations",
      handler: (req, ctx) => {
        const app = appOf(appIdOf(req.caller));
        const list = [...ctx.state.installations.values()].filter((i) => i.appId === app.id);
        return { status: 200, body: list.map((i) => renderInstallation(i, app, ctx.state, ctx)) };
      },
    },
    {
      method: "GET",
      path: "/app/installations/{installation_id}",
      handler: (req, ctx) => {
        const app = appOf(appIdOf(req.caller));
        return { status: 200, body: renderInstallation(installationOf(ctx, req.params["installation_id"], app.id), app, ctx.state, ctx) };
      },
    },
    {
      method: "POST",
      path: "/app/installations/{installation_id}/access_tokens",
      handler: (req, ctx) => {
        const app = appOf(appIdOf(req.caller));
        const inst = installationOf(ctx, req.params["installation_id"], app.id);
        const token = auth.createInstallationToken(inst.id, app.id);
        return { status: 201, body: { ...token, repository_selection: "selected" } };
      },
    },
    {
      method: "GET",
      path: "/repos/{owner}/{repo}/installation",
      handler: (req, ctx) => {
        const app = appOf(appIdOf(req.caller));
        const repoState = requireRepo(ctx, req.params);
        const inst = installationOf(ctx, String(repoState.repo.installationId), app.id);
        return { status: 200, body: renderInstallation(inst, app, ctx.state, ctx) };
      },
    },
  ];
};
