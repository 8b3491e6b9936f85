import type { RuleEvaluator } from "./rule-outcome.js";

/** `acme/sre` whether written with or without the @, compared case-insensitively. */
export const normalizeTeam = (team: string): string => team.replace(/^@/, "").toLowerCase();

/** Never changes the verdict: it records who must approve before the change merges. */
export const approvals: RuleEvaluator<"approvals"> = (rule) => {
  const teams = [...new Set(rule.teams.map(normalizeTeam))];
  const who = [...(teams.length > 0 ? [`one from each of ${teams.join(", ")}`] : []), ...(rule.codeowners ? ["the code owners of the changed files"] : [])];
  return {
    verdict: "allow",
    reason: `${rule.count} approval(s) required${who.length > 0 ? `, including ${who.join(" and ")}` : ""}`,
    approvals: { count: rule.count, teams, codeowners: rule.codeowners },
  };
};
