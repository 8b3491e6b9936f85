import { renderCommit } from "../../render/render-commit.js";
import { repoBase } from "../../render/render-env.js";
import { renderRepository } from "../../render/render-repository.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import { RestError, type RestRoute } from "../rest-route.js";
import { commitsRoutes } from "./commits-routes.js";
import { contentsRoutes } from "./contents-routes.js";

const HEADS = "refs/heads/";

const repoRoutes: RestRoute[] = [
  {
    method: "GET",
    path: "/repos/{owner}/{repo}",
    handler: (req, ctx) => ({ status: 200, body: renderRepository(requireRepo(ctx, req.params), ctx.state, ctx.apiUrl, ctx.origin) }),
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/branches",
    handler: async (req, ctx) => {
      const { repo } = requireRepo(ctx, req.params);
      const { api } = repoBase(ctx, repo);
      // No branch is protected in the sandbox, so `protected=true` lists nothing.
      const refs = req.query["protected"] === "true" ? [] : await ctx.git.listRefs(repo.owner, repo.name, HEADS);
      const branches = refs
        .filter((r) => r.ref.startsWith(HEADS))
        .map((r) => ({ name: r.ref.slice(HEADS.length), commit: { sha: r.sha, url: `${api}/commits/${r.sha}` }, protected: false }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const page = paginate(branches, req.query, `${api}/branches`);
      return { status: 200, body: page.items, headers: page.headers };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/branches/{branch}",
    handler: async (req, ctx) => {
      const { repo } = requireRepo(ctx, req.params);
      const branch = req.params["branch"] ?? "";
      const sha = await ctx.git.resolve(repo.owner, repo.name, `${HEADS}${branch}`);
      const info = sha === null ? null : await ctx.git.getCommit(repo.owner, repo.name, sha);
      if (!info) throw new RestError(404, "Branch not found");
      const { api, html } = repoBase(ctx, repo);
      return {
        status: 200,
        body: {
          name: branch,
          commit: renderCommit(ctx, repo, info),
          _links: { self: `${api}/branches/${branch}`, html: `${html}/tree/${branch}` },
          protected: false,
          protection: { enabled: false, required_status_checks: { enforcement_level: "off", contexts: [], checks: [] } },
          protection_url: `${api}/branches/${branch}/protection`,
        },
      };
    },
  },
  {
    // Rulesets active on a branch: the sandbox has none (like an unprotected repository).
    method: "GET",
    path: "/repos/{owner}/{repo}/rules/branches/{branch}",
    handler: (req, ctx) => {
      requireRepo(ctx, req.params);
      return { status: 200, body: [] };
    },
  },
];

/** Repository, branch, contents and commit routes. */
export const reposRoutes: RestRoute[] = [...repoRoutes, ...contentsRoutes, ...commitsRoutes];
