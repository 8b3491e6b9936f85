import { mergeRepositoryPolicy } from "./merge-repository-policy.js";
import { policyApplies, type PolicySet } from "./policy-set.js";
import { windowContains } from "./time-window-contains.js";
import type { RepoPolicy } from "../../schemas/repo-policy.js";

/**
 * The change-freeze windows that hold at `now` for a repository: the organisation's (whatever
 * environment they are scoped to, since a merge's environment is not re-derived here: waiting is
 * the safe side) and the repository's own. Read when the bot is about to merge, because a freeze
 * may have begun after its policy decision.
 */
export const activeFreezes = (set: PolicySet, repo: string, repoPolicy: RepoPolicy | undefined, now: Date): string[] => {
  const { set: merged } = mergeRepositoryPolicy(set, repo, repoPolicy);
  const rules = [
    ...merged.policies.filter((p) => policyApplies({ ...p, applies_to: p.applies_to ? { ...p.applies_to, environments: undefined } : undefined }, { repo, environment: null })).flatMap((p) => p.rules),
    ...(merged.repository?.rules ?? []),
  ];
  const names = rules.flatMap((r) => (r.kind === "change_freeze" ? r.windows.filter((w) => windowContains(w, now)).map((w) => w.name) : []));
  return [...new Set(names)];
};
