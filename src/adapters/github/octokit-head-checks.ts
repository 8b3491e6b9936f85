import type { CheckFact } from "../../ports/governance-host.js";
import type { RepoRef } from "../../schemas/signal.js";
import { githubCall, httpStatus, type Octokit } from "./github-call.js";

/** Every check run (latest per app and name) and the latest status per context on `sha`. */
export const listHeadChecks = async (octokit: Octokit, repo: RepoRef, sha: string): Promise<CheckFact[]> => {
  const base = { owner: repo.owner, repo: repo.name, ref: sha };
  const [runs, combined] = await Promise.all([
    githubCall(`list check runs on ${sha.slice(0, 7)}`, () => octokit.paginate(octokit.rest.checks.listForRef, { ...base, filter: "latest", per_page: 100 })),
    githubCall(`read the combined status of ${sha.slice(0, 7)}`, () => octokit.rest.repos.getCombinedStatusForRef({ ...base, per_page: 100 })),
  ]);
  return [
    ...runs.map((r): CheckFact => ({ name: r.name, source: "check-run", status: r.status, conclusion: r.conclusion ?? null })),
    ...combined.data.statuses.map((s): CheckFact => ({ name: s.context, source: "status", status: s.state, conclusion: null })),
  ];
};

/** null on 403/404: an app without administration rights may not see protection details. */
const readable = async <T>(what: string, call: () => Promise<T>): Promise<T | null> => {
  try {
    return await call();
  } catch (error) {
    const status = httpStatus(error);
    if (status === 403 || status === 404) return null;
    return githubCall(what, () => Promise.reject(error));
  }
};

type RuleLike = { type: string; parameters?: { required_status_checks?: { context: string }[] } };

/**
 * The check names branch protection (the branch's protection summary) and rulesets (the rules
 * active on the branch, readable with metadata access) require; null when neither requires any
 * or neither can be read, so the caller treats every check on the head as required.
 */
export const readRequiredChecks = async (octokit: Octokit, repo: RepoRef, branch: string): Promise<string[] | null> => {
  const base = { owner: repo.owner, repo: repo.name, branch };
  const [protection, rules] = await Promise.all([
    readable(`read branch ${branch}`, async () => (await octokit.rest.repos.getBranch(base)).data.protection),
    readable(`read the rules of ${branch}`, async () => (await octokit.rest.repos.getBranchRules({ ...base, per_page: 100 })).data as RuleLike[]),
  ]);
  const fromProtection = protection?.enabled
    ? [...(protection.required_status_checks?.contexts ?? []), ...(protection.required_status_checks?.checks ?? []).map((c) => c.context)]
    : [];
  const fromRules = (rules ?? []).filter((r) => r.type === "required_status_checks").flatMap((r) => (r.parameters?.required_status_checks ?? []).map((c) => c.context));
  const names = [...new Set([...fromProtection, ...fromRules])];
  return names.length > 0 ? names : null;
};
