import type { RepoState } from "../state/sandbox-state.js";
import { notFound, type RestContext } from "./rest-route.js";

/** The repository named by `{owner}/{repo}` path parameters, or GitHub's 404 when it is unknown. */
export const requireRepo = (ctx: RestContext, params: Record<string, string>): RepoState => {
  const owner = params["owner"];
  const name = params["repo"];
  const repoState = owner !== undefined && name !== undefined ? ctx.state.repo(owner, name) : undefined;
  if (!repoState) throw notFound();
  return repoState;
};
