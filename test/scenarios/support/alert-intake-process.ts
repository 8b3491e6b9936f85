import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pino } from "pino";
import { createApp } from "../../../src/app/create-app.js";
import type { AlertSettings } from "../../../src/app/alerts/alert-settings.js";
import type { AlertIntake } from "../../../src/app/alerts/alert-intake.js";
import type { AlertCredentials } from "../../../src/app/alerts/alert-auth.js";
import type { AlertSink } from "../../../src/ports/alert-sink.js";
import type { RoutedAlertNotification } from "../../../src/schemas/alert.js";
import { JOURNAL_FILE } from "../../../src/adapters/alerts/alert-journal.js";
import { startApp } from "../../../src/sandbox/app-harness.js";
import type { Sandbox } from "../../../src/sandbox/sandbox-server.js";

export const TOKENS = ["alert-token-old-0123456789", "alert-token-new-9876543210"];
export const HMAC_SECRETS = ["grafana-hmac-old-0123456789", "grafana-hmac-new-9876543210"];
export const BASIC = "alertmanager:basic-password-0001";

export const credentials = (overrides: Partial<AlertCredentials> = {}): AlertCredentials => ({
  bearerTokens: TOKENS,
  basic: [BASIC],
  hmac: { secrets: HMAC_SECRETS, header: "X-Grafana-Alerting-Signature", timestampHeader: "X-Grafana-Alerting-Timestamp", maxAgeSeconds: 300 },
  ...overrides,
});

/** A sink that records what it was given; `fail` makes the next calls throw. */
export const recordingSink = () => {
  const calls: RoutedAlertNotification[] = [];
  const state = { failures: 0 };
  const sink: AlertSink = {
    accept: async (n) => {
      calls.push(n);
      if (state.failures > 0) {
        state.failures -= 1;
        throw new Error("incident store unavailable");
      }
    },
  };
  return { calls, sink, failNext: (n: number) => (state.failures = n) };
};

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** One running app ("process") with alert intake, on the sandbox. */
export interface IntakeProcess {
  origin: string;
  intake: AlertIntake;
  logs: LogLine[];
  /** graceful stop: the HTTP server, then the intake (retries stop, the journal closes) */
  stop(): Promise<void>;
}

let nextAppId = 9100;

export const startIntakeProcess = async (sandbox: Sandbox, settings: AlertSettings, now: () => Date = () => new Date()): Promise<IntakeProcess> => {
  const logs: LogLine[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  let intake: AlertIntake | undefined;
  const appFn = createApp({ clock: { now }, dryRun: false, alerts: { ...settings, onStarted: (i) => (intake = i) } });
  const app = await startApp(sandbox, appFn, { appId: (nextAppId += 1), logger });
  if (!intake) throw new Error("alert intake did not start");
  const started = intake;
  return {
    origin: new URL(app.webhookUrl).origin,
    intake: started,
    logs,
    stop: async () => {
      await app.close();
      await started.close();
    },
  };
};

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | null;
}

export const send = async (origin: string, path: string, init: RequestInit): Promise<Answer> => {
  const res = await fetch(`${origin}${path}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
};

export const postJson = (origin: string, path: string, body: string, headers: Record<string, string> = {}): Promise<Answer> =>
  send(origin, path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Grafana's signature: hex HMAC-SHA256 over "<timestamp>:<body>". */
export const grafanaSignature = (secret: string, body: string, timestamp: number) => ({
  "X-Grafana-Alerting-Signature": createHmac("sha256", secret).update(`${timestamp}:${body}`).digest("hex"),
  "X-Grafana-Alerting-Timestamp": String(timestamp),
});

export const journalText = (dir: string): Promise<string> => readFile(join(dir, JOURNAL_FILE), "utf8").catch(() => "");
