import type { SandboxState } from "./sandbox-state.js";

/** One membership of a team, as GitHub's "team membership" reports it. */
export interface TeamMembershipRecord {
  role: "member" | "maintainer";
  /** a pending membership is an invitation not yet accepted: not a member yet */
  state: "active" | "pending";
}

/** A team of an organisation; members keyed by login. */
export interface TeamRecord {
  id: number;
  org: string;
  slug: string;
  members: Record<string, TeamMembershipRecord>;
}

/** Teams compare case-insensitively by organisation and slug, as on GitHub. */
export const teamKey = (org: string, slug: string): string => `${org}/${slug}`.toLowerCase();

/** Adds a team (or more members to it); members default to active, role member. */
export const seedTeam = (state: SandboxState, org: string, slug: string, members: Record<string, TeamMembershipRecord>): TeamRecord => {
  const key = teamKey(org, slug);
  const team = state.teams.get(key) ?? { id: state.id(), org, slug: slug.toLowerCase(), members: {} };
  for (const [login, membership] of Object.entries(members)) {
    team.members[state.ensureUser(login).login] = membership;
  }
  state.teams.set(key, team);
  return team;
};
