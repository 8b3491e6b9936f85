import { describe, expect, test } from "@jest/globals";
import type { AlertIncident } from "../../src/core/model/alert-incident.js";
import { readStateBlock, renderStateBlock } from "../../src/core/render/alert-incident-state-block.js";
import { commentSafeJson, readMarker, renderMarker } from "../../src/core/render/hidden-marker.js";
import { correlateNotification } from "../../src/core/sense/alerts/correlate-notification.js";
import { IncidentBook } from "../../src/core/sense/alerts/incident-book.js";
import { restoreAlertIncident } from "../../src/core/sense/alerts/restore-alert-incident.js";
import { REPO, alert, at, notification, resolved } from "./support/alert-notifications.js";

const ctx = { windowMs: 600_000, deploys: [], catalog: [] };
const a1 = alert("HighLatency", "pod-1", { value: "1.92" });
const a2 = alert("HighLatency", "pod-2", { startsAt: at(1) });

const storm = (): { book: IncidentBook; incident: AlertIncident } => {
  const book = new IncidentBook();
  const incident = correlateNotification(book, notification("HighLatency", [a1, a2], { truncatedAlerts: 2 }), ctx)[0]!.incident;
  correlateNotification(book, notification("HighErrorRate", [alert("HighErrorRate", "pod-1")], { receivedAt: at(2) }), ctx);
  correlateNotification(book, notification("HighLatency", [resolved(a1, 4), a2], { receivedAt: at(4), truncatedAlerts: 2 }), ctx);
  incident.related = [{ incident: "inc-bbbbbbbbbbbb", number: 9, kind: "issue", environment: "production", detectedAt: at(-1) }];
  incident.pullRequest = 12;
  return { book, incident };
};

/** What a restart keeps of an alert: everything but the annotation summary and the per-alert source link. */
const persisted = (incident: AlertIncident) => ({
  ...incident,
  alerts: [...incident.alerts.values()].map(({ summary: _s, generatorURL: _g, ...rest }) => rest).sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)),
  groups: [...incident.groups.values()].map(({ externalURL: _e, ...rest }) => rest),
});

describe("alert incident state block", () => {
  test("round-trips: the restored incident is the one that was written", () => {
    const { incident } = storm();
    const { block, dropped } = renderStateBlock(incident, 30_000);
    expect(dropped).toBe(0);
    const restored = restoreAlertIncident(incident.id, REPO, readStateBlock(`Some text\n\n${block}\n${renderMarker({ incident: incident.id, kind: "alert-incident" })}`)!);
    expect(persisted(restored)).toEqual(persisted(incident));
  });

  test("a restored incident goes on correlating: repeats change nothing, a new alert joins it", () => {
    const { incident } = storm();
    const book = new IncidentBook();
    const restored = restoreAlertIncident(incident.id, REPO, readStateBlock(renderStateBlock(incident, 30_000).block)!);
    book.add(restored);
    const [repeat] = correlateNotification(book, notification("HighLatency", [resolved(a1, 4), a2], { receivedAt: at(6), truncatedAlerts: 2 }), ctx);
    expect(repeat).toEqual({ incident: restored, change: "unchanged" });
    const [joined] = correlateNotification(book, notification("HighLatency", [a2, alert("HighLatency", "pod-3")], { receivedAt: at(7), truncatedAlerts: 2 }), ctx);
    expect(joined!.change).toBe("updated");
    expect(restored.alerts.size).toBe(4);
  });

  test("over budget, resolved alerts are left out first and counted", () => {
    const book = new IncidentBook();
    const alerts = Array.from({ length: 300 }, (_, i) => alert("KubePodNotReady", `pod-${i}`));
    const incident = correlateNotification(book, notification("KubePodNotReady", alerts), ctx)[0]!.incident;
    correlateNotification(book, notification("KubePodNotReady", alerts.map((a, i) => (i < 250 ? resolved(a, 3) : a)), { receivedAt: at(3) }), ctx);
    const { block, dropped } = renderStateBlock(incident, 8_000);
    expect(block.length).toBeLessThanOrEqual(8_000);
    const state = readStateBlock(block)!;
    expect(dropped).toBeGreaterThan(0);
    expect(state.dropped).toBe(dropped);
    expect(state.alerts.filter((a) => a[2] === "f")).toHaveLength(50);
  });

  test.each([
    ["no block", "## Summary"],
    ["broken JSON", "<!-- agenticops:alerts:v1 {v:1} -->"],
    ["the wrong shape", '<!-- agenticops:alerts:v1 {"v":1,"base":"yesterday"} -->'],
    ["an unterminated block", '<!-- agenticops:alerts:v1 {"v":1'],
  ])("reads null from %s", (_case, body) => {
    expect(readStateBlock(body)).toBeNull();
  });
});

describe("hidden marker: comment-safe JSON and deploy environment", () => {
  test("<, > and @ are escaped and read back unchanged", () => {
    const json = commentSafeJson({ note: "--> <b> @octocat" });
    expect(json).toBe('{"note":"--\\u003e \\u003cb\\u003e \\u0040octocat"}');
    expect(JSON.parse(json)).toEqual({ note: "--> <b> @octocat" });
  });

  test("a deploy incident's environment round-trips", () => {
    const marker = { incident: "inc-0123456789ab", kind: "rollback-pr" as const, detectedAt: at(0), environment: "prod-eu" };
    expect(readMarker(`body\n${renderMarker(marker)}`)).toEqual(marker);
  });
});
