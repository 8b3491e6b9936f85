import { teamKey } from "../../state/team-record.js";
import { notFound, type RestContext, type RestRequest, type RestResponse, type RestRoute } from "../rest-route.js";

/** An installation sees the teams of its own account only; GitHub answers 404 for any other organisation's. */
const visibleTo = (req: RestRequest, ctx: RestContext, org: string): boolean => {
  if (req.caller.kind !== "installation") return true;
  const account = ctx.state.installations.get(req.caller.installationId)?.account;
  return account !== undefined && account.toLowerCase() === org.toLowerCase();
};

/**
 * A user's membership of a team: 200 with its role and state (`pending` until an invitation is
 * accepted), 404 when the user is not on the team or the team does not exist, as on GitHub.
 */
const getMembership = (req: RestRequest, ctx: RestContext): RestResponse => {
  const org = req.params["org"] ?? "";
  const login = req.params["username"] ?? "";
  const team = ctx.state.teams.get(teamKey(org, req.params["team_slug"] ?? ""));
  if (!team || !visibleTo(req, ctx, org)) throw notFound();
  const member = Object.keys(team.members).find((m) => m.toLowerCase() === login.toLowerCase());
  const membership = member === undefined ? undefined : team.members[member];
  if (member === undefined || !membership) throw notFound();
  return { status: 200, body: { url: `${ctx.apiUrl}/teams/${team.id}/memberships/${member}`, role: membership.role, state: membership.state } };
};

export const teamsRoutes: RestRoute[] = [{ method: "GET", path: "/orgs/{org}/teams/{team_slug}/memberships/{username}", handler: getMembership }];
