import { renderCheckAnnotation, renderCheckRun, type AnnotationInput } from "../../render/render-check-run.js";
import { allCheckRuns, ensureCheckSuite, filterCheckRuns, settleCheckSuite } from "../../state/check-records.js";
import type { CheckRunRecord, RepoState } from "../../state/sandbox-state.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import { RestError, notFound, unprocessable, type RestContext, type RestRequest, type RestRoute } from "../rest-route.js";
import { bodyObject, intParam, requiredString } from "../route-input.js";
import { checkRunChanges, callingApp } from "./check-run-input.js";
import { checkSuitesRoutes } from "./check-suites-routes.js";
import { commitStatusesRoutes } from "./commit-statuses-routes.js";
import { branchAt, requireCommitSha } from "./resolve-commit.js";

const CHECK_RUN = "/repos/{owner}/{repo}/check-runs/{check_run_id}";

const findCheckRun = (ctx: RestContext, repoState: RepoState, params: Record<string, string>): CheckRunRecord => {
  const id = intParam(params, "check_run_id");
  const run = allCheckRuns(repoState, ctx.origin).find((r) => r.id === id);
  if (!run) throw notFound();
  return run;
};

const createCheckRun = async (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const app = callingApp(req);
  const body = bodyObject(req);
  const name = requiredString(body, "name", "CheckRun");
  const headSha = requiredString(body, "head_sha", "CheckRun");
  const sha = await requireCommitSha(ctx, repoState, headSha, 422);
  if (!sha.startsWith(headSha.toLowerCase())) throw unprocessable(`No commit found for SHA: ${headSha}`);
  const now = ctx.state.timestamp();
  const { annotations, ...changes } = checkRunChanges(body, now);
  const suite = ensureCheckSuite(ctx.state, repoState, { headSha: sha, headBranch: await branchAt(ctx, repoState, sha), ...app });
  const run: CheckRunRecord = {
    id: ctx.state.id(),
    headSha: sha,
    name,
    status: "queued",
    conclusion: null,
    startedAt: now,
    completedAt: null,
    externalId: null,
    detailsUrl: null,
    ...changes,
    output: { ...(changes.output ?? { title: null, summary: null, text: null }), annotations: annotations ?? [] },
    checkSuiteId: suite.id,
    ...app,
  };
  repoState.checkRuns.push(run);
  settleCheckSuite(repoState, suite, now);
  return { status: 201, body: renderCheckRun(ctx, repoState, run) };
};

/** Only the app that created a check run may change it; annotations accumulate across updates. */
const updateCheckRun = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const app = callingApp(req);
  const run = findCheckRun(ctx, repoState, req.params);
  const stored = repoState.checkRuns.find((r) => r.id === run.id);
  if (!stored || stored.appId !== app.appId) throw new RestError(403, "Invalid app_id `" + String(app.appId) + "` - check run can only be modified by the GitHub App that created it.");
  const now = ctx.state.timestamp();
  const { annotations, output, ...changes } = checkRunChanges(bodyObject(req), now);
  Object.assign(stored, changes);
  const previous = stored.output.annotations;
  stored.output = { ...(output ?? stored.output), annotations: [...previous, ...(annotations ?? [])] };
  const suite = repoState.checkSuites.find((s) => s.id === stored.checkSuiteId);
  if (suite) settleCheckSuite(repoState, suite, now);
  return { status: 200, body: renderCheckRun(ctx, repoState, stored) };
};

const getCheckRun = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  return { status: 200, body: renderCheckRun(ctx, repoState, findCheckRun(ctx, repoState, req.params)) };
};

const listAnnotations = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const run = findCheckRun(ctx, repoState, req.params);
  const page = paginate(run.output.annotations as AnnotationInput[], req.query, `${ctx.apiUrl}/repos/${repoState.repo.owner}/${repoState.repo.name}/check-runs/${run.id}/annotations`);
  return { status: 200, body: page.items.map((a) => renderCheckAnnotation(ctx, repoState, run, a)), headers: page.headers };
};

const listForRef = async (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const ref = req.params["ref"] ?? "";
  const sha = await requireCommitSha(ctx, repoState, ref, 422);
  const runs = filterCheckRuns(allCheckRuns(repoState, ctx.origin).filter((r) => r.headSha === sha), req.query);
  const page = paginate(runs, req.query, `${ctx.apiUrl}/repos/${repoState.repo.owner}/${repoState.repo.name}/commits/${encodeURIComponent(ref)}/check-runs`);
  return { status: 200, body: { total_count: runs.length, check_runs: page.items.map((r) => renderCheckRun(ctx, repoState, r)) }, headers: page.headers };
};

/** Check runs, check suites and commit statuses. */
export const checksRoutes: RestRoute[] = [
  { method: "POST", path: "/repos/{owner}/{repo}/check-runs", handler: createCheckRun },
  { method: "GET", path: CHECK_RUN, handler: getCheckRun },
  { method: "PATCH", path: CHECK_RUN, handler: updateCheckRun },
  { method: "GET", path: `${CHECK_RUN}/annotations`, handler: listAnnotations },
  { method: "GET", path: "/repos/{owner}/{repo}/commits/{ref}/check-runs", handler: listForRef },
  ...checkSuitesRoutes,
  ...commitStatusesRoutes,
];
