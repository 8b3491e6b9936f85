import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { parseAlertPost } from "../../src/core/sense/alerts/parse-alert-post.js";
import { alertNotificationId, labelFingerprint } from "../../src/core/sense/alerts/alert-identity.js";
import { AlertNotification } from "../../src/schemas/alert.js";

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/alerts/${name}`, import.meta.url), "utf8");
const meta = { id: "id-1", receivedAt: "2026-03-02T13:10:00.000Z" };

const parsed = (source: "alertmanager" | "grafana" | "generic", body: string) => {
  const result = parseAlertPost(source, body, meta);
  if (!result.ok) throw new Error(result.message);
  return AlertNotification.parse(result.notification);
};

describe("Alertmanager webhook v4", () => {
  test("normalises every alert, keeping fingerprints and turning the zero end time into null", () => {
    const n = parsed("alertmanager", fixture("alertmanager-v4.json"));
    expect(n).toMatchObject({ source: "alertmanager", id: "id-1", groupKey: '{}/{severity="critical"}:{alertname="HighErrorRate"}', externalURL: "http://alertmanager.example.com:9093", truncatedAlerts: 0 });
    expect(n.alerts.map((a) => [a.name, a.fingerprint, a.endsAt, a.labels.service])).toEqual([
      ["HighErrorRate", "7c1f0a9b2d3e4f56", null, "shop"],
      ["HighErrorRate", "0d9e8f7a6b5c4d3e", null, "cart"],
    ]);
    expect(n.alerts[0]?.startsAt).toBe("2026-03-02T14:01:12.518305877+01:00");
    expect(n.alerts[0]?.generatorURL).toContain("prometheus.example.com");
  });

  test("an alert without a fingerprint (Alertmanager before 0.19) gets one from its labels", () => {
    const body = JSON.parse(fixture("alertmanager-v4.json"));
    delete body.alerts[0].fingerprint;
    const n = parsed("alertmanager", JSON.stringify(body));
    expect(n.alerts[0]?.fingerprint).toBe(labelFingerprint(body.alerts[0].labels));
  });

  test("a resolved alert keeps its end time", () => {
    const body = JSON.parse(fixture("alertmanager-v4.json"));
    Object.assign(body.alerts[1], { status: "resolved", endsAt: "2026-03-02T14:30:00Z" });
    expect(parsed("alertmanager", JSON.stringify(body)).alerts[1]?.endsAt).toBe("2026-03-02T14:30:00Z");
  });
});

describe("Grafana webhook", () => {
  test("reads the printed value, else the values by ref id", () => {
    const n = parsed("grafana", fixture("grafana-v1.json"));
    expect(n.externalURL).toBe("https://grafana.example.com/");
    expect(n.alerts.map((a) => [a.name, a.status, a.endsAt, a.value])).toEqual([
      ["Checkout latency", "firing", null, "[ var='A' labels={service=shop} value=912.5 ], [ var='C' labels={service=shop} value=1 ]"],
      ["Checkout errors", "resolved", "2026-03-02T14:04:00+01:00", "B=0.004"],
    ]);
  });

  test("a legacy (dashboard) alert body is refused with what was expected", () => {
    const result = parseAlertPost("grafana", JSON.stringify({ ruleName: "cpu", state: "alerting", evalMatches: [] }), meta);
    expect(result).toMatchObject({ ok: false, path: "version" });
    expect(!result.ok && result.message).toMatch(/^version: expected "1" \(the Grafana-managed alerting webhook payload; legacy dashboard alerts are not supported\)/);
  });
});

describe("generic format", () => {
  test("fills defaults: firing, received time, alertname label, a fingerprint and a group from the shared labels", () => {
    const n = parsed("generic", fixture("generic.json"));
    const alert = n.alerts[0];
    expect(alert).toMatchObject({ name: "QueueBacklog", status: "firing", startsAt: meta.receivedAt, endsAt: null, value: "12034" });
    expect(alert?.labels).toEqual({ alertname: "QueueBacklog", service: "orders", queue: "orders-in" });
    expect(alert?.fingerprint).toBe(labelFingerprint({ queue: "orders-in", service: "orders", alertname: "QueueBacklog" }));
    expect(n.groupKey).toBe('generic:{alertname="QueueBacklog",queue="orders-in",service="orders"}');
  });

  test("a resolved alert without an end time ends when it was received", () => {
    const n = parsed("generic", JSON.stringify({ group: "orders", alerts: [{ name: "QueueBacklog", status: "resolved" }] }));
    expect(n.groupKey).toBe("orders");
    expect(n.alerts[0]?.endsAt).toBe(meta.receivedAt);
  });

  test("is strict: an unknown key is refused, with a suggestion", () => {
    const result = parseAlertPost("generic", JSON.stringify({ alerts: [{ name: "x", lables: {} }] }), meta);
    expect(result).toMatchObject({ ok: false, path: "alerts[0].lables" });
    expect(!result.ok && result.message).toContain('did you mean "labels"');
  });
});

describe("refusals name the first problem and its place", () => {
  test.each([
    ["alertmanager", (b: any) => (b.alerts[1].startsAt = "yesterday"), 'alerts[1].startsAt: expected an ISO date-time (got "yesterday")'],
    ["alertmanager", (b: any) => (b.alerts[0].status = "pending"), 'alerts[0].status: expected firing or resolved (got "pending")'],
    ["alertmanager", (b: any) => (b.alerts[0].labels.severity = 3), "alerts[0].labels.severity: expected a string label value (got 3)"],
    ["alertmanager", (b: any) => (b.version = "3"), 'version: expected "4" (Alertmanager webhook payload version 4) (got "3") (did you mean "4"?)'],
    ["alertmanager", (b: any) => delete b.groupKey, 'groupKey: missing required key "groupKey"'],
    ["grafana", (b: any) => (b.alerts[1].values = { B: "high" }), 'alerts[1].values.B: expected a number (got "high")'],
  ])("%s: %s", (source, mutate, message) => {
    const body = JSON.parse(fixture(source === "grafana" ? "grafana-v1.json" : "alertmanager-v4.json"));
    mutate(body);
    const result = parseAlertPost(source as "alertmanager", JSON.stringify(body), meta);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toBe(message);
  });

  test("a body that is not JSON, or not an object", () => {
    expect(parseAlertPost("generic", "{alerts: [", meta)).toMatchObject({ ok: false, path: "", message: expect.stringMatching(/^body is not valid JSON: /) });
    expect(parseAlertPost("generic", "[]", meta)).toMatchObject({ ok: false, message: "body: expected a map (got a list)" });
  });
});

test("the notification id is a hash of the source and the exact body", () => {
  const body = fixture("generic.json");
  expect(alertNotificationId("generic", body)).toMatch(/^[0-9a-f]{64}$/);
  expect(alertNotificationId("generic", body)).toBe(alertNotificationId("generic", Buffer.from(body)));
  expect(alertNotificationId("generic", body)).not.toBe(alertNotificationId("alertmanager", body));
  expect(alertNotificationId("generic", body)).not.toBe(alertNotificationId("generic", `${body} `));
});
