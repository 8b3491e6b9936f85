import { describe, expect, test } from "@jest/globals";
import { completeAlertPayload } from "../../src/sandbox/alerts/complete-alert-payload.js";
import { parseAlertPost } from "../../src/core/sense/alerts/parse-alert-post.js";
import { labelFingerprint } from "../../src/core/sense/alerts/alert-identity.js";

const now = new Date("2026-03-02T13:10:00.000Z");
const meta = { id: "x", receivedAt: now.toISOString() };

describe("completeAlertPayload", () => {
  test("a terse Alertmanager drill payload becomes a valid version 4 post", () => {
    const body = completeAlertPayload("alertmanager", { alerts: [{ labels: { alertname: "HighErrorRate", service: "shop" } }, { status: "resolved", labels: { alertname: "HighErrorRate", service: "cart" } }] }, now);
    expect(body).toMatchObject({ version: "4", status: "firing", groupKey: '{}:{alertname="HighErrorRate"}', commonLabels: { alertname: "HighErrorRate" }, truncatedAlerts: 0 });
    expect(body.alerts).toEqual([
      expect.objectContaining({ status: "firing", startsAt: now.toISOString(), endsAt: "0001-01-01T00:00:00Z", fingerprint: labelFingerprint({ alertname: "HighErrorRate", service: "shop" }) }),
      expect.objectContaining({ status: "resolved", endsAt: now.toISOString() }),
    ]);
    expect(parseAlertPost("alertmanager", JSON.stringify(body), meta).ok).toBe(true);
  });

  test("a terse Grafana payload becomes a valid version \"1\" post", () => {
    const body = completeAlertPayload("grafana", { alerts: [{ labels: { alertname: "Latency" }, values: { A: 912 } }] }, now);
    expect(body).toMatchObject({ version: "1", orgId: 1, state: "alerting" });
    expect(parseAlertPost("grafana", JSON.stringify(body), meta)).toMatchObject({ ok: true, notification: { alerts: [{ value: "A=912" }] } });
  });

  test("what the drill sets is sent as written, invalid values included; generic posts are left alone", () => {
    const body = completeAlertPayload("alertmanager", { groupKey: "mine", alerts: [{ labels: {}, startsAt: "yesterday" }] }, now);
    expect(body.groupKey).toBe("mine");
    expect(parseAlertPost("alertmanager", JSON.stringify(body), meta)).toMatchObject({ ok: false, path: "alerts[0].startsAt" });
    const generic = { alerts: [{ name: "X" }] };
    expect(completeAlertPayload("generic", generic, now)).toBe(generic);
  });
});
