import type { CommitInfo } from "../../git/git-store.js";
import { renderCheckRun, renderCheckSuite } from "../../render/render-check-run.js";
import { allCheckRuns, allCheckSuites, filterCheckRuns } from "../../state/check-records.js";
import type { CheckSuiteRecord, RepoState } from "../../state/sandbox-state.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import { notFound, type RestContext, type RestRequest, type RestRoute } from "../rest-route.js";
import { intParam } from "../route-input.js";
import { requireCommitSha } from "./resolve-commit.js";

const SUITE = "/repos/{owner}/{repo}/check-suites/{check_suite_id}";

const requireSuite = (repoState: RepoState, params: Record<string, string>): CheckSuiteRecord => {
  const id = intParam(params, "check_suite_id");
  const suite = allCheckSuites(repoState).find((s) => s.id === id);
  if (!suite) throw notFound();
  return suite;
};

const suiteRuns = (ctx: RestContext, repoState: RepoState, suite: CheckSuiteRecord) =>
  allCheckRuns(repoState, ctx.origin).filter((r) => r.checkSuiteId === suite.id);

const renderSuites = async (ctx: RestContext, repoState: RepoState, suites: CheckSuiteRecord[]) => {
  const { owner, name } = repoState.repo;
  const commits = new Map<string, CommitInfo | null>();
  for (const sha of new Set(suites.map((s) => s.headSha))) commits.set(sha, await ctx.git.getCommit(owner, name, sha));
  return suites.map((suite) => {
    const latest = filterCheckRuns(suiteRuns(ctx, repoState, suite), {});
    return renderCheckSuite(ctx, repoState, suite, latest.length, commits.get(suite.headSha) ?? null);
  });
};

const getSuite = async (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const [rendered] = await renderSuites(ctx, repoState, [requireSuite(repoState, req.params)]);
  return { status: 200, body: rendered };
};

const listSuitesForRef = async (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const ref = req.params["ref"] ?? "";
  const sha = await requireCommitSha(ctx, repoState, ref, 422);
  const { app_id: appId, check_name: checkName } = req.query;
  const suites = allCheckSuites(repoState)
    .filter((s) => s.headSha === sha && (!appId || String(s.appId) === appId))
    .filter((s) => !checkName || suiteRuns(ctx, repoState, s).some((r) => r.name === checkName))
    .sort((a, b) => a.id - b.id);
  const page = paginate(suites, req.query, `${ctx.apiUrl}/repos/${repoState.repo.owner}/${repoState.repo.name}/commits/${encodeURIComponent(ref)}/check-suites`);
  return { status: 200, body: { total_count: suites.length, check_suites: await renderSuites(ctx, repoState, page.items) }, headers: page.headers };
};

const listRunsInSuite = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const suite = requireSuite(repoState, req.params);
  const runs = filterCheckRuns(suiteRuns(ctx, repoState, suite), req.query);
  const page = paginate(runs, req.query, `${ctx.apiUrl}/repos/${repoState.repo.owner}/${repoState.repo.name}/check-suites/${suite.id}/check-runs`);
  return { status: 200, body: { total_count: runs.length, check_runs: page.items.map((r) => renderCheckRun(ctx, repoState, r)) }, headers: page.headers };
};

export const checkSuitesRoutes: RestRoute[] = [
  { method: "GET", path: SUITE, handler: getSuite },
  { method: "GET", path: `${SUITE}/check-runs`, handler: listRunsInSuite },
  { method: "GET", path: "/repos/{owner}/{repo}/commits/{ref}/check-suites", handler: listSuitesForRef },
];
