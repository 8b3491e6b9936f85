import type { GovernanceHost } from "../../ports/governance-host.js";
import { normalizeTeam } from "../gate/rules/approvals.js";

export interface TeamMembers {
  /** `org/team` → the approvers found to be active members */
  teamMembers: Record<string, string[]>;
  /** teams with no approver known to be a member and at least one membership that could not be read */
  unreadableTeams: string[];
}

/** The teams an approval requirement depends on: the listed teams, and the team owners of the changed files when code owners must approve. */
export const teamsToRead = (teams: readonly string[], codeowners: Record<string, string[]>): string[] => {
  const owners = Object.values(codeowners).flat().filter((owner) => owner.includes("/"));
  return [...new Set([...teams, ...owners].map(normalizeTeam))];
};

/**
 * Which approvers belong to which team, one lookup per (team, approver) and none when no team or
 * no approver is at stake. Only the approvers whose approval could count are asked about, so a
 * requirement cannot be met by someone the count would ignore anyway.
 */
export const readTeamMembers = async (host: GovernanceHost, teams: readonly string[], approvers: readonly string[]): Promise<TeamMembers> => {
  const pairs = teams.flatMap((team) => approvers.map((login) => ({ team, login })));
  const answers = await Promise.all(
    pairs.map(async ({ team, login }) => {
      const [org = "", slug = ""] = team.split("/");
      return { team, login, answer: await host.teamMembership(org, slug, login) };
    }),
  );
  const teamMembers = Object.fromEntries(teams.map((team) => [team, answers.filter((a) => a.team === team && a.answer === "member").map((a) => a.login)]));
  const unreadableTeams = teams.filter((team) => (teamMembers[team] ?? []).length === 0 && answers.some((a) => a.team === team && a.answer === "unknown"));
  return { teamMembers, unreadableTeams };
};
