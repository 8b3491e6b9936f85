import type { DiagnosisKit } from "../../../src/core/diagnose/diagnose-run.js";
import { Octokit } from "@octokit/rest";
import type { ApplicationFunction } from "probot";
import { createApp } from "../../../src/app/create-app.js";
import { SimpleGitWorkspace } from "../../../src/adapters/git/simple-git-workspace.js";
import type { Workspace } from "../../../src/ports/workspace.js";
import { SANDBOX_APP_ID, SANDBOX_APP_SLUG, startApp, type RunningApp } from "../../../src/sandbox/app-harness.js";
import { DrillPlayer } from "../../../src/sandbox/drill/drill-player.js";
import { seedDrillRepo, type SeededRepo } from "../../../src/sandbox/drill/seed-drill-repo.js";
import { FaultPlan } from "../../../src/sandbox/faults/fault-plan.js";
import { LlmScript } from "../../../src/sandbox/llm/llm-script.js";
import { Sandbox } from "../../../src/sandbox/sandbox-server.js";
import type { Drill } from "../../../src/schemas/drill.js";
import type { DrillAppContext } from "../../../src/sandbox/drill/run-drill.js";
import { drillPolicies } from "../../../src/sandbox/drill/drill-policies.js";
import { startDrillAlerts } from "../../../src/sandbox/alerts/drill-alerts.js";

/** One `pushNewBranch` the app asked its git workspace for, and how it ended. */
export interface RecordedPush {
  branch: string;
  result: "created" | "exists";
}

/**
 * The real git workspace, with every push the app makes recorded. The sandbox's call log does not
 * record git traffic yet (`gitCalls` stays empty), so pushes are counted at the app's git port.
 */
export const recordingWorkspace = (): { workspace: Workspace; pushes: RecordedPush[]; clones: () => number } => {
  const inner = new SimpleGitWorkspace();
  const pushes: RecordedPush[] = [];
  let clones = 0;
  const workspace: Workspace = {
    open: async (options) => {
      clones += 1;
      const session = await inner.open(options);
      return {
        head: () => session.head(),
        revert: (targets) => session.revert(targets),
        commit: (message, author) => session.commit(message, author),
        pushNewBranch: async (branch) => {
          const result = await session.pushNewBranch(branch);
          pushes.push({ branch, result });
          return result;
        },
        close: () => session.close(),
      };
    },
  };
  return { workspace, pushes, clones: () => clones };
};

/** AgenticOps as `runDrill` runs it (sandbox clock, no dry run), optionally with another workspace. */
export const agenticOpsApp =
  (workspace?: Workspace, diagnosis?: DiagnosisKit) =>
  (sandbox: Sandbox, context?: DrillAppContext): ApplicationFunction =>
    createApp({
      clock: { now: () => sandbox.state.now() },
      dryRun: false,
      app: { id: SANDBOX_APP_ID, slug: SANDBOX_APP_SLUG },
      ...(workspace ? { workspace } : {}),
      ...(diagnosis ? { diagnosis } : {}),
      ...(context ? { alerts: context.alerts } : {}),
      ...(context?.policies ? { policies: context.policies } : {}),
    });

export interface DrillSession {
  sandbox: Sandbox;
  app: RunningApp;
  player: DrillPlayer;
  seeded: SeededRepo;
  installationId: number;
  close: () => Promise<void>;
}

/**
 * `runDrill` without the end: sandbox, app and seeded repository stay up after the events are
 * played, so a test can look at the world through the API afterwards. Same steps as run-drill.ts.
 */
export const openDrillSession = async (drill: Drill, app: (sandbox: Sandbox, context: DrillAppContext) => ApplicationFunction = agenticOpsApp()): Promise<DrillSession> => {
  const sandbox = await Sandbox.start({ faults: FaultPlan.parse(drill.faults), llm: LlmScript.parse(drill.llm) });
  const alerts = await startDrillAlerts(drill, sandbox);
  let running: RunningApp | undefined;
  try {
    const policies = await drillPolicies(drill);
    running = await startApp(sandbox, app(sandbox, { alerts: alerts.settings, ...(policies ? { policies } : {}) }));
    const installation = sandbox.installApp(running.appId, drill.repo.owner);
    const seeded = await seedDrillRepo(sandbox, drill, installation.id);
    installation.repositories.push(`${drill.repo.owner}/${drill.repo.name}`);
    const player = new DrillPlayer(sandbox, drill, seeded, installation.id, alerts);
    const appHandle = running;
    const close = async () => {
      await appHandle.close();
      await alerts.close();
      await sandbox.close();
    };
    return { sandbox, app: running, player, seeded, installationId: installation.id, close };
  } catch (error) {
    await running?.close();
    await alerts.close();
    await sandbox.close();
    throw error;
  }
};

/**
 * @octokit/rest on the sandbox with the app's own installation token, obtained the production way
 * (app JWT → POST /app/installations/{id}/access_tokens), as `agenticops audit` would use it.
 */
export const installationRestClient = async (session: DrillSession): Promise<Octokit> => {
  const probotOctokit = await session.app.probot.auth(session.installationId);
  const { token } = (await probotOctokit.auth({ type: "installation" })) as { token: string };
  return new Octokit({ baseUrl: session.sandbox.apiUrl, auth: token, log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
};
