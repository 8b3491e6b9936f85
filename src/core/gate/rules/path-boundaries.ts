import { globMatcher, normalizeRepoPath } from "../path-glob.js";
import { allow, deny, type RuleEvaluator } from "./rule-outcome.js";

/** Never a protected path; only allowed paths when the rule lists them. */
export const pathBoundaries: RuleEvaluator<"path_boundaries"> = (rule, proposal) => {
  const raw = proposal.changes.map((c) => c.path);
  const escaping = raw.filter((p) => normalizeRepoPath(p) === null);
  if (escaping.length > 0) return deny(`paths outside the repository: ${escaping.join(", ")}`);
  const paths = raw.map((p) => normalizeRepoPath(p) as string);
  const isProtected = globMatcher(rule.protected, { nocase: true });
  const hit = paths.filter(isProtected);
  if (hit.length > 0) return deny(`touches protected paths: ${hit.join(", ")}`);
  if (rule.allowed) {
    const isAllowed = globMatcher(rule.allowed);
    const outside = paths.filter((p) => !isAllowed(p));
    if (outside.length > 0) return deny(`touches paths outside ${rule.allowed.join(", ")}: ${outside.join(", ")}`);
  }
  if (paths.length === 0) return allow("changes no file");
  return allow(rule.allowed ? `${paths.length} file(s), all within ${rule.allowed.join(", ")}, none protected` : "no protected path touched");
};
