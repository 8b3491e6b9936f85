import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Drill } from "../../schemas/drill.js";
import type { AlertRoutes } from "../../schemas/alert-routes.js";
import type { AlertSettings } from "../../app/alerts/alert-settings.js";
import type { AlertIntake } from "../../app/alerts/alert-intake.js";

/** The bearer token the drill player sends with every `alert:` event; the app accepts only it. */
export const SANDBOX_ALERT_TOKEN = "sandbox-alert-token-not-a-secret";

/** Every alert to the drill's repository, unless the drill has its own `alert_routes`. */
export const drillAlertRoutes = (drill: Drill): AlertRoutes =>
  drill.alert_routes ?? { version: 1, routes: [{ name: "drill", match: {}, repository: `${drill.repo.owner}/${drill.repo.name}` }] };

export interface DrillAlerts {
  settings: AlertSettings;
  /** waits for the sink to be idle, stops the intake and removes its journal */
  close(): Promise<void>;
}

/**
 * Alert intake for one drill: the player's token, a fresh journal directory, the drill's routes.
 * `overrides` lets a test use its own sink or credentials.
 */
export const startDrillAlerts = async (drill: Drill, overrides: Partial<AlertSettings> = {}): Promise<DrillAlerts> => {
  const journalDir = await mkdtemp(join(tmpdir(), "agenticops-alert-journal-"));
  let intake: AlertIntake | undefined;
  const settings: AlertSettings = {
    credentials: { bearerTokens: [SANDBOX_ALERT_TOKEN], basic: [], hmac: { secrets: [], header: "X-Grafana-Alerting-Signature", timestampHeader: "X-Grafana-Alerting-Timestamp", maxAgeSeconds: 300 } },
    maxBodyBytes: 1_048_576,
    journalDir,
    routes: drillAlertRoutes(drill),
    ...overrides,
    onStarted: (started) => {
      intake = started;
      overrides.onStarted?.(started);
    },
  };
  return {
    settings,
    close: async () => {
      await intake?.idle();
      await intake?.close();
      await rm(journalDir, { recursive: true, force: true });
    },
  };
};
