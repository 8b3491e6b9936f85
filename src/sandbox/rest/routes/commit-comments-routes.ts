import { authorAssociation } from "../../render/render-issue.js";
import { nodeId, repoBase, type RenderEnv } from "../../render/render-env.js";
import { renderReactionRollup } from "../../render/render-reaction.js";
import { renderUser } from "../../render/render-user.js";
import type { CommitCommentRecord, RepoState } from "../../state/sandbox-state.js";
import { actingUser } from "../acting-user.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import { notFound, RestError, unprocessable, type RestContext, type RestRequest, type RestRoute } from "../rest-route.js";
import { bodyObject, intParam, optionalString, requiredString } from "../route-input.js";
import { requireCommitSha } from "./resolve-commit.js";

const COMMIT_COMMENTS = "/repos/{owner}/{repo}/commits/{commit_sha}/comments";
const COMMENTS = "/repos/{owner}/{repo}/comments";
const COMMENT = "/repos/{owner}/{repo}/comments/{comment_id}";

export const renderCommitComment = (env: RenderEnv, repoState: RepoState, comment: CommitCommentRecord): Record<string, unknown> => {
  const { api, html } = repoBase(env, repoState.repo);
  const url = `${api}/comments/${comment.id}`;
  return {
    html_url: `${html}/commit/${comment.commitId}#commitcomment-${comment.id}`,
    url,
    id: comment.id,
    node_id: nodeId("CommitComment", comment.id),
    body: comment.body,
    path: comment.path,
    position: comment.position,
    line: comment.line,
    commit_id: comment.commitId,
    user: renderUser(env.state.ensureUser(comment.user), env.apiUrl, env.origin),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(repoState, comment.user),
    reactions: renderReactionRollup(`${url}/reactions`, comment.reactions),
  };
};

/** `position` and `line` are optional integers; anything else is GitHub's 422. */
const optionalInt = (body: Record<string, unknown>, field: string): number | null => {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isInteger(value)) throw unprocessable(`Invalid request.\n\n"${field}" is not an integer.`);
  return value;
};

const requireCommitComment = (repoState: RepoState, params: Record<string, string>): CommitCommentRecord => {
  const id = intParam(params, "comment_id");
  const found = repoState.commitComments.find((c) => c.id === id);
  if (!found) throw notFound();
  return found;
};

const createComment = async (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const author = actingUser(req, ctx);
  const body = bodyObject(req);
  const text = requiredString(body, "body", "CommitComment");
  const commitId = await requireCommitSha(ctx, repoState, req.params["commit_sha"] ?? "", 422);
  const now = ctx.state.timestamp();
  const comment: CommitCommentRecord = {
    id: ctx.state.id(),
    commitId,
    user: author.login,
    body: text,
    path: optionalString(body, "path") ?? null,
    position: optionalInt(body, "position"),
    line: optionalInt(body, "line"),
    createdAt: now,
    updatedAt: now,
    reactions: [],
  };
  repoState.commitComments.push(comment);
  const rendered = renderCommitComment(ctx, repoState, comment);
  return { status: 201, body: rendered, headers: { location: String(rendered["url"]) } };
};

const listForCommit = async (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const sha = await requireCommitSha(ctx, repoState, req.params["commit_sha"] ?? "", 404);
  const comments = repoState.commitComments.filter((c) => c.commitId === sha);
  const { api } = repoBase(ctx, repoState.repo);
  const page = paginate(comments, req.query, `${api}/commits/${sha}/comments`);
  return { status: 200, body: page.items.map((c) => renderCommitComment(ctx, repoState, c)), headers: page.headers };
};

const listForRepo = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const { api } = repoBase(ctx, repoState.repo);
  const page = paginate(repoState.commitComments, req.query, `${api}/comments`);
  return { status: 200, body: page.items.map((c) => renderCommitComment(ctx, repoState, c)), headers: page.headers };
};

const getComment = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  return { status: 200, body: renderCommitComment(ctx, repoState, requireCommitComment(repoState, req.params)) };
};

/** The author, an app's bot (for its own comments), or a writer of the repository may edit or delete. */
const requireOwnComment = (req: RestRequest, ctx: RestContext, repoState: RepoState): CommitCommentRecord => {
  const user = actingUser(req, ctx);
  const comment = requireCommitComment(repoState, req.params);
  const role = repoState.repo.collaborators[user.login];
  const mayModerate = user.login === repoState.repo.owner || role === "admin" || role === "maintain" || role === "write";
  if (comment.user !== user.login && !mayModerate) throw new RestError(403, "Must have admin rights to Repository.");
  return comment;
};

const updateComment = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const comment = requireOwnComment(req, ctx, repoState);
  comment.body = requiredString(bodyObject(req), "body", "CommitComment");
  comment.updatedAt = ctx.state.timestamp();
  return { status: 200, body: renderCommitComment(ctx, repoState, comment) };
};

const deleteComment = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const comment = requireOwnComment(req, ctx, repoState);
  const comments = repoState.commitComments;
  comments.splice(comments.indexOf(comment), 1);
  return { status: 204 };
};

export const commitCommentsRoutes: RestRoute[] = [
  { method: "GET", path: COMMIT_COMMENTS, handler: listForCommit },
  { method: "POST", path: COMMIT_COMMENTS, handler: createComment },
  { method: "GET", path: COMMENTS, handler: listForRepo },
  { method: "GET", path: COMMENT, handler: getComment },
  { method: "PATCH", path: COMMENT, handler: updateComment },
  { method: "DELETE", path: COMMENT, handler: deleteComment },
];
