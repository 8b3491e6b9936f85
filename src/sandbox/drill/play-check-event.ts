import type { z } from "zod";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { CheckDrillEvent } from "../../schemas/drill-event.js";
import { renderCheckRun, renderCheckSuite } from "../render/render-check-run.js";
import { ensureCheckSuite, settleCheckSuite } from "../state/check-records.js";
import type { CheckRunRecord, CheckSuiteRecord } from "../state/sandbox-state.js";
import type { DrillPlayer } from "./drill-player.js";
import { resolveTarget } from "./play-human-event.js";

type Check = z.infer<typeof CheckDrillEvent>["check"];

/** Every drill CI app shares one app id; the slug tells them apart, as `app.slug` does on GitHub. */
const CI_APP_ID = 9_001;

/** The newest run of this name and app that has not completed yet, on any commit: CI outlives pushes. */
const unfinishedRun = (player: DrillPlayer, check: Check): CheckRunRecord | undefined =>
  player.repoState.checkRuns.filter((r) => r.name === check.name && r.appSlug === check.app && r.status !== "completed").at(-1);

const startRun = (player: DrillPlayer, check: Check, suite: CheckSuiteRecord, now: string): CheckRunRecord => {
  const run: CheckRunRecord = {
    id: player.sandbox.state.id(),
    headSha: suite.headSha,
    name: check.name,
    status: check.status ?? "completed",
    conclusion: check.conclusion ?? null,
    startedAt: now,
    completedAt: check.conclusion ? now : null,
    output: { title: null, summary: null, text: null, annotations: [] },
    appId: CI_APP_ID,
    appSlug: check.app,
    externalId: null,
    detailsUrl: null,
    checkSuiteId: suite.id,
  };
  player.repoState.checkRuns.push(run);
  return run;
};

/**
 * A CI app reports on a pull request's head: a run starts (`status`) or completes (`conclusion`),
 * then GitHub's `check_run` webhook follows, and `check_suite.completed` when that finished the suite.
 */
export const playCheckEvent = async (player: DrillPlayer, check: Check): Promise<void> => {
  const { sandbox, repoState } = player;
  const now = sandbox.state.timestamp();
  const target = resolveTarget(player, check.on, check.number);
  const pull = target.pull;
  if (!pull) throw new AgenticOpsError("DRILL_INVALID", `check: #${target.number} is not a pull request`, { hint: 'a check reports on a pull request: use on: pr or on: agent-pr' });
  const existing = check.conclusion ? unfinishedRun(player, check) : undefined;
  const suite = existing
    ? (repoState.checkSuites.find((s) => s.id === existing.checkSuiteId) ?? ensureCheckSuite(sandbox.state, repoState, { headSha: existing.headSha, headBranch: pull.head, appId: CI_APP_ID, appSlug: check.app }))
    : ensureCheckSuite(sandbox.state, repoState, { headSha: pull.headSha, headBranch: pull.head, appId: CI_APP_ID, appSlug: check.app });
  const run = existing ? Object.assign(existing, { status: "completed", conclusion: check.conclusion ?? null, completedAt: now }) : startRun(player, check, suite, now);
  settleCheckSuite(repoState, suite, now);
  const env = sandbox.restContext();
  const commit = await sandbox.git.getCommit(repoState.repo.owner, repoState.repo.name, run.headSha);
  const renderedSuite = renderCheckSuite(env, repoState, suite, repoState.checkRuns.filter((r) => r.checkSuiteId === suite.id).length, commit);
  const sender = `${check.app}[bot]`;
  await player.deliver("check_run", run.status === "completed" ? "completed" : "created", sender, { check_run: { ...renderCheckRun(env, repoState, run), check_suite: renderedSuite } });
  if (run.status === "completed" && suite.status === "completed") await player.deliver("check_suite", "completed", sender, { check_suite: renderedSuite });
};
