import { AgenticOpsError } from "../../../core/model/agenticops-error.js";
import type { RefUpdateResult } from "../../git/git-store.js";
import { repoBase } from "../../render/render-env.js";
import { renderGitRef } from "../../render/render-git-data.js";
import type { RepoRecord } from "../../state/sandbox-state.js";
import { actingUser } from "../acting-user.js";
import { requireRepo } from "../require-repo.js";
import { notFound, unprocessable, type RestContext, type RestRequest, type RestResponse, type RestRoute } from "../rest-route.js";
import { bodyObject, optionalBoolean, requiredString } from "../route-input.js";
import { syncPullHeads } from "../sync-pull-heads.js";

const REFS = "/repos/{owner}/{repo}/git/refs";

/** `heads/x` (as the path parameters name refs) → `refs/heads/x`. */
const fullRef = (ref: string): string => (ref.startsWith("refs/") ? ref : `refs/${ref}`);

const findRef = async (ctx: RestContext, repo: RepoRecord, ref: string): Promise<{ ref: string; sha: string } | undefined> =>
  (await ctx.git.listRefs(repo.owner, repo.name, ref)).find((r) => r.ref === ref);

/** The store rejects names git would refuse with a typed error; GitHub answers 422 for those. */
const refWrite = async (write: () => Promise<RefUpdateResult>): Promise<RefUpdateResult> => {
  try {
    return await write();
  } catch (error) {
    if (error instanceof AgenticOpsError && error.code === "GIT_FAILED") throw unprocessable("Reference name is invalid");
    throw error;
  }
};

const refResponse = (ctx: RestContext, repo: RepoRecord, ref: string, sha: string, status: number): RestResponse => ({
  status,
  body: renderGitRef(ctx, repo, ref, sha),
  ...(status === 201 ? { headers: { location: `${repoBase(ctx, repo).api}/git/${ref}` } } : {}),
});

/**
 * Creating a ref is atomic (compare-and-swap against "absent"): of two concurrent creates exactly
 * one wins, which is why callers may use a ref as a lock.
 */
const createRef = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const body = bodyObject(req);
  const ref = requiredString(body, "ref", "Reference");
  const sha = requiredString(body, "sha", "Reference");
  if (!ref.startsWith("refs/") || ref.split("/").length < 3) throw unprocessable("Reference name is invalid");
  const result = await refWrite(() => ctx.git.updateRef(repo.owner, repo.name, ref, sha, { create: true }));
  if (result === "exists") throw unprocessable("Reference already exists");
  if (result !== "ok") throw unprocessable("Object does not exist");
  await syncPullHeads(ctx, repo.owner, repo.name);
  const created = await findRef(ctx, repo, ref);
  return refResponse(ctx, repo, ref, created?.sha ?? sha, 201);
};

const getRef = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  const found = await findRef(ctx, repo, fullRef(req.params["ref"] ?? ""));
  if (!found) throw notFound();
  return refResponse(ctx, repo, found.ref, found.sha, 200);
};

/** Refs whose name starts with the given one (`heads/feature` matches `heads/feature-a`). */
const matchingRefs = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  const prefix = fullRef(req.params["ref"] ?? "");
  const refs = (await ctx.git.listRefs(repo.owner, repo.name)).filter((r) => r.ref.startsWith(prefix));
  return { status: 200, body: refs.map((r) => renderGitRef(ctx, repo, r.ref, r.sha)) };
};

const updateRef = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const body = bodyObject(req);
  const sha = requiredString(body, "sha", "Reference");
  const force = optionalBoolean(body, "force") ?? false;
  const ref = fullRef(req.params["ref"] ?? "");
  if (!(await findRef(ctx, repo, ref))) throw unprocessable("Reference does not exist");
  const result = await refWrite(() => ctx.git.updateRef(repo.owner, repo.name, ref, sha, { force }));
  if (result === "not-fast-forward") throw unprocessable("Update is not a fast forward");
  if (result !== "ok") throw unprocessable("Object does not exist");
  await syncPullHeads(ctx, repo.owner, repo.name);
  const updated = await findRef(ctx, repo, ref);
  return refResponse(ctx, repo, ref, updated?.sha ?? sha, 200);
};

const deleteRef = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const ref = fullRef(req.params["ref"] ?? "");
  const result = await refWrite(() => ctx.git.deleteRef(repo.owner, repo.name, ref));
  if (result !== "ok") throw unprocessable("Reference does not exist");
  return { status: 204 };
};

export const gitRefsRoutes: RestRoute[] = [
  { method: "POST", path: REFS, handler: createRef },
  { method: "GET", path: "/repos/{owner}/{repo}/git/ref/{ref}", handler: getRef },
  { method: "GET", path: "/repos/{owner}/{repo}/git/matching-refs/{ref}", handler: matchingRefs },
  { method: "PATCH", path: `${REFS}/{ref}`, handler: updateRef },
  { method: "DELETE", path: `${REFS}/{ref}`, handler: deleteRef },
];
