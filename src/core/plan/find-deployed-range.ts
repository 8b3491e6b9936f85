import type { CommitSummary, Comparison, DeployHistory } from "../../ports/deploy-history.js";
import type { RepoRef } from "../../schemas/signal.js";
import { firstParentChain } from "./plan-rollback.js";
import { touchedPaths } from "./touched-paths.js";

/** The newest deploy of an environment that went out, the one before it, and what changed between. */
export interface DeployedRange {
  environment: string;
  lastGood: string;
  /** the commit the newest successful deploy shipped: the suspect */
  deployed: string;
  deployedAt: string;
  /** the first-parent chain from `deployed` back to `lastGood` (exclusive), newest first */
  commits: CommitSummary[];
  /** files the range changed, renames under both names */
  files: string[];
  comparison: Comparison;
}

export type DeployedRangeResult = { kind: "found"; range: DeployedRange } | { kind: "none"; reason: string };

const DEPLOYMENTS_READ = 20;
const WENT_OUT = new Set(["success", "inactive"]);

/**
 * What the newest successful deploy of `environment` changed since the successful one before it:
 * the facts a "broke right after a deploy" runbook needs. Two successful deploys of different
 * commits are needed; anything less is a reason, not an error.
 */
export const findDeployedRange = async (history: DeployHistory, repo: RepoRef, environment: string): Promise<DeployedRangeResult> => {
  const deployments = await history.listDeployments(repo, environment, DEPLOYMENTS_READ, 2);
  const successful = deployments.filter((d) => d.state !== null && WENT_OUT.has(d.state));
  const [newest] = successful;
  if (!newest) return { kind: "none", reason: `no successful deploy to ${environment} is recorded` };
  const previous = successful.find((d) => d.sha !== newest.sha);
  if (!previous) return { kind: "none", reason: `no successful deploy to ${environment} before ${newest.sha.slice(0, 7)} is recorded` };
  const comparison = await history.compare(repo, previous.sha, newest.sha);
  if (!comparison) return { kind: "none", reason: `GitHub could not compare ${previous.sha.slice(0, 7)} with ${newest.sha.slice(0, 7)}` };
  if (comparison.status !== "ahead") return { kind: "none", reason: `the deployed ${newest.sha.slice(0, 7)} does not descend from the previous deploy ${previous.sha.slice(0, 7)} (${comparison.status})` };
  if (comparison.totalCommits > comparison.commits.length) return { kind: "none", reason: `${comparison.totalCommits} commits separate the two deploys; more than one review can check` };
  const commits = firstParentChain(comparison.commits, newest.sha);
  const files = [...new Set(touchedPaths(comparison))];
  return { kind: "found", range: { environment, lastGood: previous.sha, deployed: newest.sha, deployedAt: newest.createdAt, commits, files, comparison } };
};
