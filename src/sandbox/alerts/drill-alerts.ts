import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Drill } from "../../schemas/drill.js";
import type { AlertRoutes } from "../../schemas/alert-routes.js";
import type { AlertSettings } from "../../app/alerts/alert-settings.js";
import type { AlertIntake } from "../../app/alerts/alert-intake.js";
import type { Sandbox } from "../sandbox-server.js";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import { DrillTimers } from "./drill-timers.js";
import type { AlertRemediation } from "../../app/alert-remediation-planner.js";

/** The bearer token the drill player sends with every `alert:` event; the app accepts only it. */
export const SANDBOX_ALERT_TOKEN = "sandbox-alert-token-not-a-secret";

/** A sink failing for good (a fault on every call) is retried forever; a drill says so instead of hanging. */
const SETTLE_LIMIT_MS = 30_000;

const withinRealTime = async (ms: number, work: Promise<void>): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AgenticOpsError("SANDBOX_FAILED", `accepted alerts did not take effect within ${ms / 1000} s`, { hint: "the alert sink keeps failing; check the drill's faults and the app's log (--log-level=debug)" })), ms);
  });
  try {
    await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
};

/** Every alert to the drill's repository, unless the drill has its own `alert_routes`. */
export const drillAlertRoutes = (drill: Drill): AlertRoutes =>
  drill.alert_routes ?? { version: 1, routes: [{ name: "drill", match: {}, repository: `${drill.repo.owner}/${drill.repo.name}` }] };

export interface DrillAlerts {
  settings: AlertSettings;
  /**
   * Lets everything accepted so far take effect: handed to the sink, written to the sandbox (the
   * sink's flush timers fired on the sandbox clock, no real waiting) and marked done in the journal.
   */
  settle(): Promise<void>;
  /** notifications journaled, and those not done; zeros when intake never started */
  stats(): { journaled: number; pending: number };
  /** stops the intake and its sink (what is not done stays unwritten) and removes the journal */
  close(): Promise<void>;
}

/**
 * Alert intake for one drill: the player's token, a fresh journal directory, the drill's routes,
 * and the production incident sink with its timers on the sandbox clock. `overrides` lets a test
 * use its own sink or credentials.
 */
export const startDrillAlerts = async (drill: Drill, sandbox: Sandbox, overrides: Partial<AlertSettings> = {}): Promise<DrillAlerts> => {
  const journalDir = await mkdtemp(join(tmpdir(), "agenticops-alert-journal-"));
  const timers = new DrillTimers(sandbox.state);
  let intake: AlertIntake | undefined;
  let planner: AlertRemediation | undefined;
  const settings: AlertSettings = {
    credentials: { bearerTokens: [SANDBOX_ALERT_TOKEN], basic: [], hmac: { secrets: [], header: "X-Grafana-Alerting-Signature", timestampHeader: "X-Grafana-Alerting-Timestamp", maxAgeSeconds: 300 } },
    maxBodyBytes: 1_048_576,
    journalDir,
    routes: drillAlertRoutes(drill),
    incidents: { timers },
    // a sink that fails (injected faults) is retried in milliseconds, not seconds
    backoff: { initialMs: 10, maxMs: 200 },
    ...overrides,
    onRemediation: (built) => {
      planner = built;
      overrides.onRemediation?.(built);
    },
    onStarted: (started) => {
      intake = started;
      overrides.onStarted?.(started);
    },
  };
  const settle = async (): Promise<void> => {
    if (!intake) return;
    const running = intake;
    await withinRealTime(SETTLE_LIMIT_MS, (async () => {
      // until quiet: the sink's writes, then remediation (which waits for them, holds on the
      // sandbox clock, then reads and writes GitHub and schedules the incident's update)
      for (;;) {
        await timers.runAll(() => running.idle());
        await running.settled();
        if (timers.pending() > 0) continue;
        if (!planner || planner.active() === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })());
  };
  return {
    settings,
    settle,
    stats: () => intake?.stats() ?? { journaled: 0, pending: 0 },
    close: async () => {
      await intake?.close();
      await rm(journalDir, { recursive: true, force: true });
    },
  };
};
