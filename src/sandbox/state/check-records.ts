import type { CheckRunRecord, CheckSuiteRecord, RepoState, SandboxState } from "./sandbox-state.js";
import { runCheckSuiteId, runJobs } from "./workflow-run-attempts.js";

/** GitHub Actions' app, which reports every workflow job as a check run. */
export const ACTIONS_APP = { id: 15368, slug: "github-actions" } as const;

/**
 * Workflow jobs seen as check runs (same id, as on GitHub). They are derived on each read, so a
 * job's progress never needs copying into a second record.
 */
export const actionsCheckRuns = (repoState: RepoState, origin: string): CheckRunRecord[] =>
  repoState.runs.flatMap((run) =>
    runJobs(repoState, run).map((job) => ({
      id: job.id,
      headSha: run.headSha,
      name: job.name,
      status: job.status,
      conclusion: job.conclusion,
      startedAt: job.startedAt,
      completedAt: job.completedAt,
      output: { title: null, summary: null, text: null, annotations: [] },
      appId: ACTIONS_APP.id,
      appSlug: ACTIONS_APP.slug,
      externalId: null,
      detailsUrl: `${origin}/${repoState.repo.owner}/${repoState.repo.name}/actions/runs/${run.id}/job/${job.id}`,
      checkSuiteId: runCheckSuiteId(run),
    })),
  );

/** Workflow runs seen as check suites of the GitHub Actions app, with the run's own progress. */
export const actionsCheckSuites = (repoState: RepoState): CheckSuiteRecord[] =>
  repoState.runs.map((run) => ({
    id: runCheckSuiteId(run),
    headSha: run.headSha,
    headBranch: run.headBranch,
    status: run.status,
    conclusion: run.conclusion,
    appId: ACTIONS_APP.id,
    appSlug: ACTIONS_APP.slug,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
  }));

export const allCheckRuns = (repoState: RepoState, origin: string): CheckRunRecord[] => [
  ...repoState.checkRuns,
  ...actionsCheckRuns(repoState, origin),
];

export const allCheckSuites = (repoState: RepoState): CheckSuiteRecord[] => [...repoState.checkSuites, ...actionsCheckSuites(repoState)];

/** The suite of an app for a commit, created on the app's first check run there (as GitHub does). */
export const ensureCheckSuite = (
  state: SandboxState,
  repoState: RepoState,
  key: { headSha: string; headBranch: string; appId: number; appSlug: string },
): CheckSuiteRecord => {
  const existing = repoState.checkSuites.find((s) => s.headSha === key.headSha && s.appId === key.appId);
  if (existing) return existing;
  const now = state.timestamp();
  const suite: CheckSuiteRecord = { id: state.id(), ...key, status: "queued", conclusion: null, createdAt: now, updatedAt: now };
  repoState.checkSuites.push(suite);
  return suite;
};

const FAILING = ["action_required", "timed_out", "cancelled", "failure", "startup_failure", "stale"];

/** A suite's status and conclusion follow its check runs, like GitHub's. */
export const settleCheckSuite = (repoState: RepoState, suite: CheckSuiteRecord, now: string): void => {
  const runs = repoState.checkRuns.filter((r) => r.checkSuiteId === suite.id);
  suite.updatedAt = now;
  if (runs.length === 0 || runs.some((r) => r.status !== "completed")) {
    suite.status = runs.some((r) => r.status !== "queued") ? "in_progress" : "queued";
    suite.conclusion = null;
    return;
  }
  const conclusions = runs.map((r) => r.conclusion ?? "");
  suite.status = "completed";
  suite.conclusion =
    FAILING.find((c) => conclusions.includes(c)) ?? (conclusions.every((c) => c === "neutral" || c === "skipped") ? "neutral" : "success");
};

/**
 * Check-run list filters shared by the ref and suite listings. `filter=latest` (the default) keeps
 * the newest run per app and name — for Actions jobs, the latest attempt.
 */
export const filterCheckRuns = (runs: CheckRunRecord[], query: Record<string, string>): CheckRunRecord[] => {
  const { check_name: name, status, app_id: appId } = query;
  const sorted = runs
    .filter((r) => (!name || r.name === name) && (!status || r.status === status) && (!appId || String(r.appId) === appId))
    .sort((a, b) => b.id - a.id);
  if (query["filter"] === "all") return sorted;
  const seen = new Set<string>();
  return sorted.filter((r) => {
    const key = `${r.appId}\u0000${r.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
