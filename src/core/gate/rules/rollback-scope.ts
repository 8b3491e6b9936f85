import { normalizeRepoPath } from "../path-glob.js";
import { allow, deny, type RuleEvaluator } from "./rule-outcome.js";

/** A rollback undoes the failing range and nothing else; other actions are not its concern. */
export const rollbackScope: RuleEvaluator<"rollback_scope"> = (rule, proposal, facts) => {
  if (!rule.actions.includes(proposal.action)) return null;
  if (facts.rangeFiles === null) return deny("the failing range is unknown, so the rollback's scope cannot be checked");
  const range = new Set(facts.rangeFiles.map(normalizeRepoPath));
  const outside = proposal.changes.map((c) => c.path).filter((p) => normalizeRepoPath(p) === null || !range.has(normalizeRepoPath(p)));
  if (outside.length > 0) return deny(`touches files outside the failing range: ${outside.join(", ")}`);
  return allow(`${proposal.changes.length} file(s), all changed by the failing range`);
};
