import { REACTION_CONTENTS, renderReaction } from "../../render/render-reaction.js";
import type { ReactionRecord, RepoState } from "../../state/sandbox-state.js";
import { actingUser } from "../acting-user.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import { unprocessable, type RestContext, type RestRequest, type RestRoute } from "../rest-route.js";
import { bodyObject, optionalEnum } from "../route-input.js";
import { requireComment, requireIssue } from "./issue-lookup.js";

const ISSUE_REACTIONS = "/repos/{owner}/{repo}/issues/{issue_number}/reactions";
const COMMENT_REACTIONS = "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions";

/** The reactions list of the subject a request names, and its API URL. */
type Subject = (repoState: RepoState, params: Record<string, string>) => { reactions: ReactionRecord[]; path: string };

const issueSubject: Subject = (repoState, params) => {
  const issue = requireIssue(repoState, params);
  return { reactions: issue.reactions, path: `issues/${issue.number}/reactions` };
};

const commentSubject: Subject = (repoState, params) => {
  const comment = requireComment(repoState, params);
  return { reactions: comment.reactions, path: `issues/comments/${comment.id}/reactions` };
};

/** 201 for a new reaction; 200 with the existing one when the user already reacted so (idempotent). */
const createReaction = (subject: Subject) => (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const user = actingUser(req, ctx);
  const { reactions } = subject(repoState, req.params);
  const content = optionalEnum(bodyObject(req), "content", REACTION_CONTENTS);
  if (!content) throw unprocessable("Validation Failed", [{ resource: "Reaction", field: "content", code: "missing_field" }]);
  const existing = reactions.find((r) => r.user === user.login && r.content === content);
  if (existing) return { status: 200, body: renderReaction(ctx, existing) };
  const reaction: ReactionRecord = { id: ctx.state.id(), user: user.login, content, createdAt: ctx.state.timestamp() };
  reactions.push(reaction);
  return { status: 201, body: renderReaction(ctx, reaction) };
};

const listReactions = (subject: Subject) => (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const { reactions, path } = subject(repoState, req.params);
  const content = req.query["content"];
  const matching = content ? reactions.filter((r) => r.content === content) : reactions;
  const page = paginate(matching, req.query, `${ctx.apiUrl}/repos/${repoState.repo.owner}/${repoState.repo.name}/${path}`);
  return { status: 200, body: page.items.map((r) => renderReaction(ctx, r)), headers: page.headers };
};

export const reactionsRoutes: RestRoute[] = [
  { method: "GET", path: ISSUE_REACTIONS, handler: listReactions(issueSubject) },
  { method: "POST", path: ISSUE_REACTIONS, handler: createReaction(issueSubject) },
  { method: "GET", path: COMMENT_REACTIONS, handler: listReactions(commentSubject) },
  { method: "POST", path: COMMENT_REACTIONS, handler: createReaction(commentSubject) },
];
