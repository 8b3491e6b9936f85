import type { GitIdentity } from "../../git/git-store.js";
import { renderContentEntry, renderContentFile, renderWrittenContent } from "../../render/render-content.js";
import { renderGitCommit } from "../../render/render-git-data.js";
import type { RepoState } from "../../state/sandbox-state.js";
import { actingUser, gitIdentityOf } from "../acting-user.js";
import { requireRepo } from "../require-repo.js";
import { notFound, RestError, unprocessable, type RestContext, type RestRequest, type RestResponse, type RestRoute } from "../rest-route.js";
import { bodyObject, optionalString, requiredString } from "../route-input.js";
import { asUnprocessable, writeFile, type FileWrite } from "./contents-write.js";

const CONTENTS = "/repos/{owner}/{repo}/contents/{path}";
const RAW = /application\/vnd\.github(\.v3)?\.raw/;

const cleanPath = (req: RestRequest): string => (req.params["path"] ?? "").replace(/^\/+|\/+$/g, "");

const wantsRaw = (req: RestRequest): boolean => {
  const accept = req.headers["accept"];
  return RAW.test(Array.isArray(accept) ? accept.join(",") : (accept ?? ""));
};

const getContent = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  const ref = req.query["ref"] || repo.defaultBranch;
  const sha = await ctx.git.resolve(repo.owner, repo.name, ref);
  if (sha === null) throw new RestError(404, `No commit found for the ref ${ref}`);
  const path = cleanPath(req);
  const found = await ctx.git.readPath(repo.owner, repo.name, sha, path);
  if (!found) throw notFound();
  if (found.type === "dir") {
    return { status: 200, body: (found.entries ?? []).map((e) => renderContentEntry(ctx, repo, path, e, ref)) };
  }
  const content = found.content ?? Buffer.alloc(0);
  if (wantsRaw(req)) {
    return { status: 200, body: content.toString("utf8"), headers: { "content-type": "application/vnd.github.raw; charset=utf-8" } };
  }
  return { status: 200, body: renderContentFile(ctx, repo, path, found.sha, content, ref) };
};

/** `author`/`committer` objects of a contents write. */
const identityField = (body: Record<string, unknown>, field: string): GitIdentity | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object") throw unprocessable(`Invalid request.\n\n"${field}" is not an object.`);
  const person = value as Record<string, unknown>;
  const date = optionalString(person, "date");
  return { name: requiredString(person, "name", "Commit"), email: requiredString(person, "email", "Commit"), ...(date ? { date } : {}) };
};

/** The write described by a PUT/DELETE body; author defaults to committer, committer to the caller. */
const fileWrite = (req: RestRequest, ctx: RestContext, repoState: RepoState, content: Buffer | null): FileWrite => {
  const body = bodyObject(req);
  const message = requiredString(body, "message", "Commit");
  // Dated by the sandbox clock so drills with a fixed clock produce the same commit shas.
  const now = ctx.state.timestamp();
  const committer = { date: now, ...(identityField(body, "committer") ?? gitIdentityOf(actingUser(req, ctx))) };
  const path = cleanPath(req);
  if (path === "") throw unprocessable('Invalid request.\n\n"path" is required.');
  return {
    branch: optionalString(body, "branch") ?? repoState.repo.defaultBranch,
    path,
    content,
    expectedSha: optionalString(body, "sha"),
    message,
    committer,
    author: { date: now, ...(identityField(body, "author") ?? committer) },
  };
};

/** Writes and answers GitHub's `file-commit`. */
const commitWrite = async (ctx: RestContext, repoState: RepoState, write: FileWrite): Promise<RestResponse> => {
  const { repo } = repoState;
  const result = await writeFile(ctx, repoState, write).catch(asUnprocessable);
  const commit = await ctx.git.getCommit(repo.owner, repo.name, result.commitSha);
  if (!commit) throw new RestError(500, "Commit vanished after writing it");
  const size = write.content?.length ?? 0;
  const content = result.blobSha === null ? null : renderWrittenContent(ctx, repo, write.path, result.blobSha, size, write.branch);
  return { status: result.created ? 201 : 200, body: { content, commit: renderGitCommit(ctx, repo, commit) } };
};

const putContent = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const repoState = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const encoded = optionalString(bodyObject(req), "content");
  if (encoded === undefined) throw unprocessable("Validation Failed", [{ resource: "Commit", field: "content", code: "missing_field" }]);
  const content = Buffer.from(encoded, "base64");
  return commitWrite(ctx, repoState, fileWrite(req, ctx, repoState, content));
};

const deleteContent = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const repoState = requireRepo(ctx, req.params);
  actingUser(req, ctx);
  const write = fileWrite(req, ctx, repoState, null);
  if (write.expectedSha === undefined) throw unprocessable('Invalid request.\n\n"sha" wasn\'t supplied.');
  return commitWrite(ctx, repoState, write);
};

/** `GET/PUT/DELETE /contents/{path}`; `.github/CODEOWNERS` and Probot's config are read through here. */
export const contentsRoutes: RestRoute[] = [
  { method: "GET", path: CONTENTS, handler: getContent },
  { method: "PUT", path: CONTENTS, handler: putContent },
  { method: "DELETE", path: CONTENTS, handler: deleteContent },
];
