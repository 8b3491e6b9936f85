import { performance } from "node:perf_hooks";
import type { ApplicationFunction } from "probot";
import type { Logger } from "pino";
import type { z } from "zod";
import type { Drill } from "../../schemas/drill.js";
import type { Expectation, SimulationResult } from "../../schemas/simulation-result.js";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import { createApp } from "../../app/create-app.js";
import { createHypothesisRanker } from "../../adapters/openai/create-hypothesis-ranker.js";
import { SANDBOX_APP_ID, SANDBOX_APP_SLUG, startApp } from "../app-harness.js";
import { FaultPlan } from "../faults/fault-plan.js";
import { LlmScript } from "../llm/llm-script.js";
import { Sandbox } from "../sandbox-server.js";
import { checkExpectations } from "./check-expectations.js";
import { collectObservedState } from "./collect-observed-state.js";
import { DrillPlayer } from "./drill-player.js";
import { seedDrillRepo } from "./seed-drill-repo.js";
import { renderTemplates } from "./render-templates.js";
import { drillPolicies } from "./drill-policies.js";
import type { PolicySet } from "../../core/gate/policy-set.js";
import { loadSignatures } from "../../adapters/signatures/load-signatures.js";
import type { CompiledSignatures } from "../../core/diagnose/compile-signatures.js";
import type { AlertSettings } from "../../app/alerts/alert-settings.js";
import { startDrillAlerts } from "../alerts/drill-alerts.js";
import { captureLogs } from "./log-capture.js";
import { checkAlertAnswers } from "./play-alert-event.js";

/** What the harness prepared for the app under test besides the sandbox. */
export interface DrillAppContext {
  /** alert intake for `alert:` events: the player's token, a temporary journal, the drill's routes */
  alerts: AlertSettings;
  /** the bundled policies plus the drill's own; undefined when the drill adds none */
  policies?: PolicySet;
}

export interface RunDrillOptions {
  /** the app under test; AgenticOps itself by default */
  app?: (sandbox: Sandbox, context: DrillAppContext) => ApplicationFunction;
  logger?: Logger;
}

const parsePart = <T extends z.ZodType>(schema: T, value: unknown, drill: Drill, key: string): z.infer<T> => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${[key, ...i.path].join(".")}: ${i.message}`);
  throw new AgenticOpsError("DRILL_INVALID", `drill "${drill.name}" has an invalid ${key} section: ${problems.join("; ")}`, {
    hint: "see docs/drills.md for the format",
    details: { drill: drill.name, problems },
  });
};

/** Requests github.com would have rejected, and routes the sandbox lacks, fail the drill loudly. */
const sandboxExpectation = (sandbox: Sandbox): Expectation => {
  const problems = sandbox.log.problems();
  return {
    description: `every API request the app made was valid for GitHub (${problems.length} invalid)`,
    passed: problems.length === 0,
    ...(problems.length > 0 ? { actual: problems.map((p) => `${p.method} ${p.path} → ${p.status}: ${p.error ?? ""}`) } : {}),
  };
};

// The default signatures are read once per process, as the app does at start-up.
let signatures: Promise<CompiledSignatures> | undefined;

// Drills are deterministic: never the environment's LLM; the sandbox's scripted one when the drill scripts answers.
const DRILL_LLM_TIMEOUT_MS = 2_000;
const scriptedRanker = (sandbox: Sandbox) =>
  createHypothesisRanker({ OPENAI_API_KEY: "sandbox", OPENAI_BASE_URL: sandbox.llmUrl, OPENAI_MODEL: "gpt-4o-mini", LLM_TIMEOUT_MS: DRILL_LLM_TIMEOUT_MS, LLM_MAX_TOKENS: 4_000 });

const defaultApp = async (sandbox: Sandbox, scriptedLlm: boolean, context: DrillAppContext): Promise<ApplicationFunction> => {
  signatures ??= loadSignatures();
  const diagnosis = { signatures: await signatures, ranker: scriptedLlm ? scriptedRanker(sandbox) : null, knownSecrets: [] };
  return createApp({
    clock: { now: () => sandbox.state.now() },
    dryRun: false,
    app: { id: SANDBOX_APP_ID, slug: SANDBOX_APP_SLUG },
    diagnosis,
    alerts: context.alerts,
    ...(context.policies ? { policies: context.policies } : {}),
  });
};

/** Starts a sandbox and the app in this process, plays the drill, and checks its expectations. */
export const runDrill = async (drill: Drill, options: RunDrillOptions = {}): Promise<SimulationResult> => {
  const started = performance.now();
  const faults = parsePart(FaultPlan, drill.faults, drill, "faults");
  const llm = parsePart(LlmScript, drill.llm, drill, "llm");
  const sandbox = await Sandbox.start({ faults, llm });
  const alerts = await startDrillAlerts(drill, sandbox);
  try {
    const policies = await drillPolicies(drill);
    const context: DrillAppContext = { alerts: alerts.settings, ...(policies ? { policies } : {}) };
    const appFn = options.app ? options.app(sandbox, context) : await defaultApp(sandbox, llm.length > 0, context);
    const logs = captureLogs(options.logger);
    const app = await startApp(sandbox, appFn, { logger: logs.logger });
    try {
      const installation = sandbox.installApp(app.appId, drill.repo.owner);
      const seeded = await seedDrillRepo(sandbox, drill, installation.id);
      installation.repositories.push(`${drill.repo.owner}/${drill.repo.name}`);
      const player = new DrillPlayer(sandbox, drill, seeded, installation.id, alerts);
      await player.play();
      await alerts.settle();
      const observed = await collectObservedState(sandbox, seeded.repoState, seeded.issues);
      const expect = renderTemplates(drill.expect, player.vars(), ["expect"]);
      const seen = { ...observed, logs: logs.lines, alertJournal: alerts.stats() };
      const expectations = [...checkExpectations(expect, seen), ...checkAlertAnswers(player.alertAnswers), sandboxExpectation(sandbox)];
      return {
        drill: drill.name,
        passed: expectations.every((e) => e.passed),
        durationMs: Math.round(performance.now() - started),
        ...observed,
        expectations,
      };
    } finally {
      await app.close();
    }
  } finally {
    await alerts.close();
    await sandbox.close();
  }
};
