import { renderIssueComment } from "../../render/render-issue-comment.js";
import type { CommentRecord, RepoState } from "../../state/sandbox-state.js";
import { actingUser } from "../acting-user.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import { RestError, type RestContext, type RestRequest, type RestRoute } from "../rest-route.js";
import { bodyObject, requiredString, sortByTime } from "../route-input.js";
import { requireComment, requireIssue } from "./issue-lookup.js";

const ISSUE_COMMENTS = "/repos/{owner}/{repo}/issues/{issue_number}/comments";
const COMMENT = "/repos/{owner}/{repo}/issues/comments/{comment_id}";

const repoPath = (ctx: RestContext, repoState: RepoState): string =>
  `${ctx.apiUrl}/repos/${repoState.repo.owner}/${repoState.repo.name}`;

const since = (comments: CommentRecord[], value: string | undefined): CommentRecord[] =>
  value ? comments.filter((c) => Date.parse(c.updatedAt) >= Date.parse(value)) : comments;

const createComment = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const author = actingUser(req, ctx);
  const issue = requireIssue(repoState, req.params);
  const text = requiredString(bodyObject(req), "body", "IssueComment");
  const now = ctx.state.timestamp();
  const comment: CommentRecord = {
    id: ctx.state.id(),
    issueNumber: issue.number,
    user: author.login,
    body: text,
    createdAt: now,
    updatedAt: now,
    reactions: [],
  };
  repoState.comments.push(comment);
  issue.updatedAt = now;
  const rendered = renderIssueComment(ctx, repoState, comment);
  return { status: 201, body: rendered, headers: { location: String(rendered["url"]) } };
};

/** Comments of one issue, oldest first, as GitHub lists them. */
const listComments = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const issue = requireIssue(repoState, req.params);
  const comments = since(repoState.comments.filter((c) => c.issueNumber === issue.number), req.query["since"]);
  const page = paginate(comments, req.query, `${repoPath(ctx, repoState)}/issues/${issue.number}/comments`);
  return { status: 200, body: page.items.map((c) => renderIssueComment(ctx, repoState, c)), headers: page.headers };
};

const listRepoComments = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const { query } = req;
  const key = query["sort"] === "updated" ? (c: CommentRecord) => c.updatedAt : (c: CommentRecord) => c.createdAt;
  const sorted = sortByTime(since(repoState.comments, query["since"]), key, query["direction"], "asc");
  const page = paginate(sorted, query, `${repoPath(ctx, repoState)}/issues/comments`);
  return { status: 200, body: page.items.map((c) => renderIssueComment(ctx, repoState, c)), headers: page.headers };
};

const getComment = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  return { status: 200, body: renderIssueComment(ctx, repoState, requireComment(repoState, req.params)) };
};

/** Only the author, a writer of the repository or an app (issues: write) may edit or delete a comment. */
const requireOwnComment = (req: RestRequest, ctx: RestContext, repoState: RepoState): CommentRecord => {
  const user = actingUser(req, ctx);
  const comment = requireComment(repoState, req.params);
  const permission = repoState.repo.collaborators[user.login];
  const mayModerate =
    user.type === "Bot" || user.login === repoState.repo.owner || permission === "admin" || permission === "maintain" || permission === "write";
  if (comment.user !== user.login && !mayModerate) throw new RestError(403, "Must have admin rights to Repository.");
  return comment;
};

const updateComment = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const comment = requireOwnComment(req, ctx, repoState);
  comment.body = requiredString(bodyObject(req), "body", "IssueComment");
  comment.updatedAt = ctx.state.timestamp();
  return { status: 200, body: renderIssueComment(ctx, repoState, comment) };
};

const deleteComment = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const comment = requireOwnComment(req, ctx, repoState);
  repoState.comments.splice(repoState.comments.indexOf(comment), 1);
  return { status: 204 };
};

export const issueCommentsRoutes: RestRoute[] = [
  { method: "GET", path: ISSUE_COMMENTS, handler: listComments },
  { method: "POST", path: ISSUE_COMMENTS, handler: createComment },
  { method: "GET", path: "/repos/{owner}/{repo}/issues/comments", handler: listRepoComments },
  { method: "GET", path: COMMENT, handler: getComment },
  { method: "PATCH", path: COMMENT, handler: updateComment },
  { method: "DELETE", path: COMMENT, handler: deleteComment },
];
