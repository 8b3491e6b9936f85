import type { DeploymentSummary, RunSummary } from "../../ports/deploy-history.js";

export type LastGood =
  | { kind: "last-good"; sha: string; source: "deployment" | "workflow-run"; id: number; at: string }
  | { kind: "stale"; reason: string }
  | { kind: "none"; reason: string };

const SUCCESS = "success";

/** The newest successful run numbered before `runNumber`, among runs of one workflow on one branch. */
export const newestSuccessBefore = (runs: readonly RunSummary[], runNumber: number): RunSummary | null =>
  runs.filter((r) => r.runNumber < runNumber && r.conclusion === SUCCESS).sort((a, b) => b.runNumber - a.runNumber)[0] ?? null;

/**
 * From the runs of the failing deploy workflow on its branch: stale when a newer run, or a re-run
 * of the failing one, already succeeded (the failure was superseded); else the newest successful
 * run before the failure.
 */
export const lastGoodFromRuns = (runs: RunSummary[], failing: { id: number; runNumber: number; headSha: string }): LastGood => {
  // A re-run keeps the run's id and number; the list shows its latest attempt.
  const rerun = runs.find((r) => r.id === failing.id && r.conclusion === SUCCESS);
  if (rerun) return { kind: "stale", reason: `run #${rerun.runNumber} succeeded when it was re-run` };
  const newer = runs.filter((r) => r.runNumber > failing.runNumber && r.id !== failing.id);
  const recovered = newer.find((r) => r.conclusion === SUCCESS);
  if (recovered) return { kind: "stale", reason: `run #${recovered.runNumber} of the same workflow succeeded after the failure` };
  const good = newestSuccessBefore(runs.filter((r) => r.headSha !== failing.headSha), failing.runNumber);
  if (!good) return { kind: "none", reason: "no earlier successful run of this workflow on this branch" };
  return { kind: "last-good", sha: good.headSha, source: "workflow-run", id: good.id, at: good.createdAt };
};

/**
 * From the environment's deployments (newest first): stale when the failing deployment is no
 * longer the newest or no longer listed (something else was deployed since); else the newest successful deployment
 * before it, of a different commit.
 */
export const lastGoodFromDeployments = (deployments: DeploymentSummary[], failing: { id: number | null; sha: string }): LastGood => {
  const sorted = [...deployments].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id));
  const failingIndex = sorted.findIndex((d) => (failing.id !== null ? d.id === failing.id : d.sha === failing.sha));
  const newest = sorted[0];
  // The list is the newest deployments, cut after the first success: a known failing deployment
  // missing from it is older than everything listed, so something was deployed since.
  const unlisted = failing.id !== null && failingIndex < 0;
  if (newest && (failingIndex > 0 || unlisted)) {
    const what = newest.state === SUCCESS ? "succeeded" : `is ${newest.state ?? "pending"}`;
    return { kind: "stale", reason: `a newer deployment of ${newest.sha.slice(0, 7)} to ${newest.environment} ${what}` };
  }
  const older = failingIndex >= 0 ? sorted.slice(failingIndex + 1) : sorted.filter((d) => d.sha !== failing.sha);
  // Earlier successes turn "inactive" when a later one succeeds, so inactive counts as once good.
  const good = older.find((d) => (d.state === SUCCESS || d.state === "inactive") && d.sha !== failing.sha);
  if (!good) return { kind: "none", reason: "no earlier successful deployment to this environment" };
  return { kind: "last-good", sha: good.sha, source: "deployment", id: good.id, at: good.createdAt };
};
