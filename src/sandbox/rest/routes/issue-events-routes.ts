import { nodeId, repoBase, type RenderEnv } from "../../render/render-env.js";
import { renderUser } from "../../render/render-user.js";
import type { IssueRecord, RepoState } from "../../state/sandbox-state.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import type { RestContext, RestRequest, RestRoute } from "../rest-route.js";
import { requireIssue } from "./issue-lookup.js";

const ISSUE_EVENTS = "/repos/{owner}/{repo}/issues/{issue_number}/events";

/** Per issue, room for its events' ids: stable across calls and pages, unlike fresh state ids. */
const EVENT_ID_SPACE = 100;

interface EventFact {
  event: "merged" | "closed";
  actor: string;
  at: string;
  commitId: string | null;
}

/**
 * The events the sandbox's state can vouch for, oldest first. It records who merged a pull
 * request and when, so a merge yields GitHub's `merged` then `closed` pair. It does not record who
 * labelled, assigned or closed an issue (nor when), so those events are not listed rather than
 * made up: readers that need them see an issue without them.
 */
const eventFacts = (issue: IssueRecord): EventFact[] => {
  const pull = issue.pull;
  if (!pull?.merged || !pull.mergedAt || !pull.mergedBy) return [];
  const commitId = pull.mergeCommitSha;
  return [
    { event: "merged", actor: pull.mergedBy, at: pull.mergedAt, commitId },
    { event: "closed", actor: pull.mergedBy, at: issue.closedAt ?? pull.mergedAt, commitId: null },
  ];
};

/** GitHub's `state-change-issue-event` shape. */
const renderEvent = (env: RenderEnv, repoState: RepoState, issue: IssueRecord, fact: EventFact, index: number): Record<string, unknown> => {
  const { api } = repoBase(env, repoState.repo);
  const id = issue.id * EVENT_ID_SPACE + index;
  return {
    id,
    node_id: nodeId(fact.event === "merged" ? "MergedEvent" : "ClosedEvent", id),
    url: `${api}/issues/events/${id}`,
    actor: renderUser(env.state.ensureUser(fact.actor), env.apiUrl, env.origin),
    event: fact.event,
    commit_id: fact.commitId,
    commit_url: fact.commitId ? `${api}/commits/${fact.commitId}` : null,
    created_at: fact.at,
    performed_via_github_app: null,
    ...(fact.event === "closed" ? { state_reason: issue.stateReason } : {}),
  };
};

const listIssueEvents = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const issue = requireIssue(repoState, req.params);
  const events = eventFacts(issue).map((fact, i) => renderEvent(ctx, repoState, issue, fact, i));
  const { api } = repoBase(ctx, repoState.repo);
  const page = paginate(events, req.query, `${api}/issues/${issue.number}/events`);
  return { status: 200, body: page.items, headers: page.headers };
};

export const issueEventsRoutes: RestRoute[] = [{ method: "GET", path: ISSUE_EVENTS, handler: listIssueEvents }];
