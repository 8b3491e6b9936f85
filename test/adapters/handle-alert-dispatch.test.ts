import { beforeEach, expect, test } from "@jest/globals";
import { generateKeyPairSync } from "node:crypto";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { handleAlertDispatch } from "../../src/app/alerts/handle-alert-dispatch.js";
import type { AlertIntake } from "../../src/app/alerts/alert-intake.js";
import type { RoutedAlertNotification } from "../../src/schemas/alert.js";

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

let probot: Probot;
let logs: Array<{ level: number; msg: string; problem?: string }>;
let recorded: RoutedAlertNotification[];
let forwarded: number;

beforeEach(() => {
  logs = [];
  recorded = [];
  forwarded = 0;
  probot = new Probot({
    appId: 77,
    privateKey,
    log: pino({ level: "info" }, { write: (line: string) => void logs.push(JSON.parse(line)) }),
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  const intake: AlertIntake = {
    record: async (routed) => (recorded.push(...routed), routed.map((n) => ({ key: n.id, notification: n }))),
    forward: (entries) => void (forwarded += entries.length),
    idle: async () => {},
    settled: async () => {},
    stats: () => ({ journaled: recorded.length, pending: 0 }),
    close: async () => {},
  };
  probot.on("repository_dispatch", handleAlertDispatch({ intake, clock: { now: () => new Date("2026-03-02T13:10:00Z") } }));
});

const dispatch = (action: string, client_payload: unknown) =>
  probot.receive({ name: "repository_dispatch", id: "d-1", payload: { action, client_payload, branch: "main", repository: { name: "shop", owner: { login: "acme" } }, installation: { id: 2 } } } as never);

test("a valid dispatch is journaled for its repository, then forwarded", async () => {
  await dispatch("agenticops-alert", { source: "generic", payload: { alerts: [{ name: "QueueBacklog" }] } });
  expect(recorded.map((n) => [n.repo, n.route, n.alerts[0]?.name])).toEqual([[{ owner: "acme", name: "shop" }, "repository_dispatch", "QueueBacklog"]]);
  expect(forwarded).toBe(1);
  expect(logs.find((l) => l.msg === "alerts accepted from repository_dispatch")).toBeDefined();
});

test.each([
  [{ source: "nagios", payload: {} }, 'client_payload.source: expected one of alertmanager, grafana, generic (got "nagios")'],
  [{ source: "generic" }, 'client_payload.payload: missing required key "payload"'],
  [{ source: "generic", payload: { alerts: [{ name: "x", startsAt: "now" }] } }, 'client_payload.payload.alerts[0].startsAt: expected an ISO date-time (got "now")'],
  [{ source: "alertmanager", payload: { alerts: [] } }, 'client_payload.payload.version: expected "4" (Alertmanager webhook payload version 4) (got undefined)'],
])("an invalid client_payload %j is logged with its path and not journaled", async (clientPayload, problem) => {
  await dispatch("agenticops-alert", clientPayload);
  expect(recorded).toEqual([]);
  expect(logs.filter((l) => l.level === 50).map((l) => l.problem)).toEqual([problem]);
});

test("other event types are left alone, silently", async () => {
  await dispatch("deploy", { source: "generic", payload: { alerts: [{ name: "x" }] } });
  expect(recorded).toEqual([]);
  expect(logs.filter((l) => l.level >= 40)).toEqual([]);
});
