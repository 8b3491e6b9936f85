import { afterEach, describe, expect, test } from "@jest/globals";
import type { ApplicationFunction } from "probot";
import { parseDrill } from "../../src/sandbox/drill/load-drill.js";
import { runDrill, type DrillAppContext } from "../../src/sandbox/drill/run-drill.js";
import type { Sandbox } from "../../src/sandbox/sandbox-server.js";
import type { AlertIntake } from "../../src/app/alerts/alert-intake.js";
import { agenticOpsApp, openDrillSession, type DrillSession } from "./support/drill-session.js";
import { recordingSink } from "./support/alert-intake-process.js";

const DRILL = `
name: alert-intake
repo:
  owner: acme
  name: shop
  commits:
    - message: initial import
      files: { README.md: "# shop\\n" }
events:
  - alert: alertmanager
    payload:
      alerts:
        - labels: { alertname: HighErrorRate, service: shop }
`;

/** AgenticOps with the drill's alert settings, but a recording sink. */
const withSink = (recorder: ReturnType<typeof recordingSink>, onIntake: (i: AlertIntake) => void) => (sandbox: Sandbox, context: DrillAppContext): ApplicationFunction =>
  agenticOpsApp()(sandbox, {
    alerts: {
      ...context.alerts,
      sink: () => recorder.sink,
      onStarted: (intake) => {
        context.alerts.onStarted?.(intake);
        onIntake(intake);
      },
    },
  });

let session: DrillSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe("repository_dispatch with event_type agenticops-alert", () => {
  const openSession = async () => {
    const recorder = recordingSink();
    let intake: AlertIntake | undefined;
    session = await openDrillSession(parseDrill(DRILL, "alert-intake.yml"), withSink(recorder, (i) => (intake = i)));
    return { recorder, idle: () => intake!.idle() };
  };
  const dispatch = (action: string, clientPayload: unknown) => session!.player.deliver("repository_dispatch", action, "dana", { client_payload: clientPayload });

  test("goes to the repository it was sent to, through the same validation, journal and sink", async () => {
    const { recorder, idle } = await openSession();
    await dispatch("agenticops-alert", { source: "generic", payload: { group: "checkout", alerts: [{ name: "HighErrorRate", labels: { service: "shop" } }] } });
    await idle();
    expect(recorder.calls.map((n) => [n.source, `${n.repo.owner}/${n.repo.name}`, n.route, n.groupKey, n.service])).toEqual([["generic", "acme/shop", "repository_dispatch", "checkout@acme/shop#shop", "shop"]]);
    expect(session!.sandbox.log.webhooks.filter((w) => w.event === "repository_dispatch").map((w) => w.status)).toEqual([200]);
  });

  test("an invalid payload, or another event_type, is not forwarded", async () => {
    const { recorder, idle } = await openSession();
    await dispatch("agenticops-alert", { source: "alertmanager", payload: { version: "4", groupKey: "g", status: "firing", alerts: [{ status: "firing", labels: {}, startsAt: "soon" }] } });
    await dispatch("agenticops-alert", { source: "nagios", payload: {} });
    await dispatch("deploy", { source: "generic", payload: { alerts: [{ name: "NotOurs" }] } });
    await idle();
    expect(recorder.calls).toEqual([]);
  });
});

test("a drill's alert: event reaches intake authenticated, completed like Alertmanager's, and routed to the drill's repository", async () => {
  const recorder = recordingSink();
  let intake: AlertIntake | undefined;
  const drill = parseDrill(`${DRILL}expect:\n  webhooks: { all_status: 202 }\n`, "alert-intake.yml");
  const result = await runDrill(drill, { app: withSink(recorder, (i) => (intake = i)) });
  expect(result.expectations.filter((e) => !e.passed)).toEqual([]);
  expect(result.webhooks.map((w) => [w.event, w.status])).toEqual([["alert:alertmanager", 202]]);
  await intake?.idle();
  expect(recorder.calls.map((n) => [n.source, n.repo.name, n.route, n.alerts[0]?.name, n.alerts[0]?.endsAt])).toEqual([["alertmanager", "shop", "drill", "HighErrorRate", null]]);
});
