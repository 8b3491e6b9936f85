import { findWorkflowChange, isWorkflowPath } from "../git/workflow-change.js";
import type { RestContext, RestRequest } from "./rest-route.js";

/**
 * The workflow file a REST write would create, update or delete, or null: the contents API on a
 * `.github/workflows/` path, or a ref moved to commits that touch one (the rule the push hook
 * applies, see workflow-change.ts). Only these routes write files or move branches.
 */
export async function workflowPathWritten(request: RestRequest, ctx: RestContext): Promise<string | null> {
  const { owner, repo } = request.params;
  if (owner === undefined || repo === undefined) return null;
  switch (`${request.method} ${request.route}`) {
    case "PUT /repos/{owner}/{repo}/contents/{path}":
    case "DELETE /repos/{owner}/{repo}/contents/{path}": {
      const path = (request.params["path"] ?? "").replace(/^\/+|\/+$/g, "");
      return isWorkflowPath(path) ? path : null;
    }
    case "POST /repos/{owner}/{repo}/git/refs":
    case "PATCH /repos/{owner}/{repo}/git/refs/{ref}": {
      const sha = (request.body as { sha?: unknown } | undefined)?.sha;
      if (typeof sha !== "string" || ctx.state.repo(owner, repo) === undefined) return null;
      return findWorkflowChange(ctx.git.repoPath(owner, repo), sha);
    }
    default:
      return null;
  }
}
