import type { GitIdentity } from "../../git/git-store.js";
import { repoBase } from "../../render/render-env.js";
import { renderBlob, renderGitCommit, renderGitTree } from "../../render/render-git-data.js";
import type { RepoRecord } from "../../state/sandbox-state.js";
import { actingUser, gitIdentityOf } from "../acting-user.js";
import { requireRepo } from "../require-repo.js";
import { notFound, unprocessable, type RestContext, type RestRequest, type RestResponse, type RestRoute } from "../rest-route.js";
import { bodyObject, optionalEnum, optionalString, optionalStringArray, requiredString } from "../route-input.js";
import { asUnprocessable } from "./contents-write.js";
import { gitRefsRoutes } from "./git-refs-routes.js";

const GIT = "/repos/{owner}/{repo}/git";

const createBlob = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const body = bodyObject(req);
  const content = optionalString(body, "content");
  if (content === undefined) throw unprocessable("Validation Failed", [{ resource: "Blob", field: "content", code: "missing_field" }]);
  const encoding = optionalEnum(body, "encoding", ["utf-8", "utf8", "base64"] as const) ?? "utf-8";
  const sha = await ctx.git.createBlob(repo.owner, repo.name, Buffer.from(content, encoding === "base64" ? "base64" : "utf8"));
  const url = `${repoBase(ctx, repo).api}/git/blobs/${sha}`;
  return { status: 201, body: { url, sha }, headers: { location: url } };
};

const getBlob = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  const sha = req.params["file_sha"] ?? "";
  const content = await ctx.git.getBlob(repo.owner, repo.name, sha);
  if (!content) throw notFound();
  return { status: 200, body: renderBlob(ctx, repo, sha, content) };
};

interface TreeInput {
  path: string;
  mode: string;
  type: string;
  sha?: string | null;
  content?: string;
}

const treeEntries = (value: unknown): TreeInput[] => {
  if (!Array.isArray(value)) throw unprocessable('Invalid request.\n\n"tree" is not an array.');
  return value.map((raw: unknown) => {
    const entry = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const path = requiredString(entry, "path", "Tree");
    const content = optionalString(entry, "content");
    const sha = entry["sha"] === null ? null : optionalString(entry, "sha");
    if (content !== undefined && sha !== undefined) throw unprocessable("Must supply either tree.sha or tree.content, but not both");
    const mode = optionalString(entry, "mode") ?? "100644";
    return { path, mode, type: optionalString(entry, "type") ?? "blob", ...(sha === undefined ? {} : { sha }), ...(content === undefined ? {} : { content }) };
  });
};

const createTree = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const body = bodyObject(req);
  const baseTree = optionalString(body, "base_tree");
  const sha = await ctx.git.createTree(repo.owner, repo.name, baseTree, treeEntries(body["tree"])).catch(asUnprocessable);
  const entries = (await ctx.git.getTree(repo.owner, repo.name, sha, false)) ?? [];
  return { status: 201, body: renderGitTree(ctx, repo, sha, entries), headers: { location: `${repoBase(ctx, repo).api}/git/trees/${sha}` } };
};

/** `tree_sha` may also name a commit, branch or tag, as on GitHub; any `recursive` value recurses. */
const getTree = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  const given = req.params["tree_sha"] ?? "";
  const commit = await ctx.git.resolve(repo.owner, repo.name, given);
  const treeSha = commit === null ? given : ((await ctx.git.getCommit(repo.owner, repo.name, commit))?.tree ?? given);
  const entries = await ctx.git.getTree(repo.owner, repo.name, treeSha, req.query["recursive"] !== undefined);
  if (!entries) throw notFound();
  return { status: 200, body: renderGitTree(ctx, repo, treeSha, entries) };
};

const person = (body: Record<string, unknown>, field: string, date: string): GitIdentity | undefined => {
  const value = body[field];
  if (typeof value !== "object" || value === null) return undefined;
  const p = value as Record<string, unknown>;
  return { name: requiredString(p, "name", "Commit"), email: requiredString(p, "email", "Commit"), date: optionalString(p, "date") ?? date };
};

const checkCommitInputs = async (ctx: RestContext, repo: RepoRecord, tree: string, parents: string[]): Promise<void> => {
  if (!(await ctx.git.getTree(repo.owner, repo.name, tree, false))) throw unprocessable("Tree SHA does not exist");
  for (const parent of parents) {
    if (!(await ctx.git.getCommit(repo.owner, repo.name, parent))) throw unprocessable("Parent SHA does not exist or is not a commit object");
  }
};

const createCommit = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  const user = actingUser(req, ctx);
  const body = bodyObject(req);
  const message = requiredString(body, "message", "Commit");
  const tree = requiredString(body, "tree", "Commit");
  const parents = optionalStringArray(body, "parents") ?? [];
  await checkCommitInputs(ctx, repo, tree, parents);
  const now = ctx.state.timestamp();
  const author = person(body, "author", now) ?? gitIdentityOf(user, now);
  const committer = person(body, "committer", now) ?? author;
  const sha = await ctx.git.createCommit(repo.owner, repo.name, { message, tree, parents, author, committer });
  const info = await ctx.git.getCommit(repo.owner, repo.name, sha);
  if (!info) throw notFound();
  return { status: 201, body: renderGitCommit(ctx, repo, info), headers: { location: `${repoBase(ctx, repo).api}/git/commits/${sha}` } };
};

const getCommit = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  const info = await ctx.git.getCommit(repo.owner, repo.name, req.params["commit_sha"] ?? "");
  if (!info) throw notFound();
  return { status: 200, body: renderGitCommit(ctx, repo, info) };
};

/** Git database routes: refs, blobs, trees and commits. */
export const gitDataRoutes: RestRoute[] = [
  ...gitRefsRoutes,
  { method: "POST", path: `${GIT}/blobs`, handler: createBlob },
  { method: "GET", path: `${GIT}/blobs/{file_sha}`, handler: getBlob },
  { method: "POST", path: `${GIT}/trees`, handler: createTree },
  { method: "GET", path: `${GIT}/trees/{tree_sha}`, handler: getTree },
  { method: "POST", path: `${GIT}/commits`, handler: createCommit },
  { method: "GET", path: `${GIT}/commits/{commit_sha}`, handler: getCommit },
];
