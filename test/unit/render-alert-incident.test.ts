import { describe, expect, test } from "@jest/globals";
import type { AlertIncident } from "../../src/core/model/alert-incident.js";
import { readStateBlock } from "../../src/core/render/alert-incident-state-block.js";
import { readMarker } from "../../src/core/render/hidden-marker.js";
import { GITHUB_BODY_LIMIT } from "../../src/core/render/render-incident-issue.js";
import { renderAlertIncident, renderAlertIncidentComment } from "../../src/core/render/render-alert-incident.js";
import { correlateNotification } from "../../src/core/sense/alerts/correlate-notification.js";
import { IncidentBook } from "../../src/core/sense/alerts/incident-book.js";
import { alert, at, notification, resolved } from "./support/alert-notifications.js";

const ctx = { windowMs: 600_000, deploys: [], catalog: [] };

const twoAlerts = (): AlertIncident => {
  const book = new IncidentBook();
  const a1 = alert("HighLatency", "pod-1", { value: "1.92" });
  const a2 = alert("HighLatency", "pod-2", { startsAt: at(1) });
  const incident = correlateNotification(book, notification("HighLatency", [a1, a2]), ctx)[0]!.incident;
  correlateNotification(book, notification("HighLatency", [resolved(a1, 4), a2], { receivedAt: at(4), truncatedAlerts: 3 }), ctx);
  return incident;
};

describe("renderAlertIncident", () => {
  test("summary, alerts table, links, timeline and footer, in that order", () => {
    const incident = twoAlerts();
    const { title, body } = renderAlertIncident(incident, ["@acme/payments"]);
    expect(title).toBe("[alert] checkout: HighLatency");
    const sections = [...body.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual(["Summary", "Alerts", "Links", "Timeline"]);
    expect(body).toContain("**1 of 2 alerts firing** for service **checkout** since 2026-11-23T14:00:00.000Z.");
    expect(body).toContain("- **Service:** checkout — owners @acme/payments");
    expect(body).toContain("- **Severity:** critical");
    expect(body).toContain('- **Alert group:** `{}:{alertname="HighLatency"}` (route `checkout`)');
    expect(body).toContain("- **Shared labels:** `service=checkout` `severity=critical`");
    expect(body).toContain(
      [
        "| Alert | Labels | Value | Started (UTC) | Status |",
        "|---|---|---|---|---|",
        "| HighLatency | `instance=pod-2` | — | 2026-11-23 14:01 | 🔥 firing |",
        "| HighLatency | `instance=pod-1` | 1.92 | 2026-11-23 14:00 | ✅ resolved 2026-11-23 14:04 |",
      ].join("\n"),
    );
    expect(body).toContain("> 3 more alerts were not sent by Alertmanager (its `max_alerts` limit), so they are not listed here.");
    expect(body).toContain("- [Source of alert 1](http://prometheus.local/graph?g0.expr=HighLatency)");
    expect(body).toContain(
      ["- `2026-11-23 14:00` incident opened (first alert started)", "- `2026-11-23 14:00` 2 alerts firing: HighLatency ×2", "- `2026-11-23 14:04` 1 alert resolved: HighLatency"].join("\n"),
    );
    expect(readMarker(body)).toEqual({ incident: incident.id, kind: "alert-incident", detectedAt: "2026-11-23T14:00:00.000Z" });
  });

  test("a resolved incident says when, in the headline and the timeline", () => {
    const book = new IncidentBook();
    const a1 = alert("HighLatency", "pod-1");
    const incident = correlateNotification(book, notification("HighLatency", [a1]), ctx)[0]!.incident;
    correlateNotification(book, notification("HighLatency", [resolved(a1, 7)], { receivedAt: at(8) }), ctx);
    const { body } = renderAlertIncident(incident, []);
    expect(body).toContain("**Resolved** at 2026-11-23T14:07:00.000Z for service **checkout**: all 1 alert resolved.");
    expect(body).toContain("- `2026-11-23 14:07` all alerts resolved: incident resolved");
  });

  test("alert text cannot mention anyone, break the table or close the hidden state early", () => {
    const book = new IncidentBook();
    const nasty = alert("Disk|Full", "@octocat", { value: "--> <b>x</b>", labels: { alertname: "Disk|Full", instance: "@octocat", note: "-->" } });
    const other = alert("Disk|Full", "db-2");
    const incident = correlateNotification(book, notification("Disk|Full", [nasty, other]), ctx)[0]!.incident;
    const { body } = renderAlertIncident(incident, []);
    expect(body).toContain("| Disk\\|Full | `instance=@\u200boctocat` `note=-->` |");
    expect(body).not.toMatch(/(^|[^\u200b])@octocat/);
    const hidden = body.slice(body.indexOf("<!-- agenticops:alerts:v1"));
    expect(hidden.split("-->").length - 1).toBe(2);
    expect(readStateBlock(body)!.alerts.map((a) => a[7])).toContain("--> <b>x</b>");
  });

  test("a storm of 5,000 alerts stays under GitHub's limit, says how many rows are left out, and keeps the markers whole", () => {
    const book = new IncidentBook();
    const alerts = Array.from({ length: 5000 }, (_, i) =>
      alert("KubePodNotReady", `pod-${i}`, { labels: { alertname: "KubePodNotReady", instance: `pod-${i}`, reason: "x".repeat(100 + (i % 7)), service: "checkout" } }),
    );
    const incident = correlateNotification(book, notification("KubePodNotReady", alerts), ctx)[0]!.incident;
    const { body, droppedFromState } = renderAlertIncident(incident, []);
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toMatch(/_…and \d+ more alerts \(\d+ firing\) not shown, to stay within GitHub's size limit\._/);
    expect(droppedFromState).toBeGreaterThan(0);
    const state = readStateBlock(body)!;
    expect(state.alerts.length + state.dropped).toBe(5000);
    expect(readMarker(body)?.incident).toBe(incident.id);
  });
});

describe("renderAlertIncidentComment", () => {
  test("introduces the alerts as part of the deploy incident, with the same sections and markers", () => {
    const book = new IncidentBook();
    const deploy = { incident: "inc-aaaaaaaaaaaa", number: 7, kind: "pull-request" as const, environment: "production", detectedAt: at(-2) };
    const crash = alert("KubePodCrashLooping", "checkout-1");
    const incident = correlateNotification(book, notification("KubePodCrashLooping", [crash]), { ...ctx, deploys: [deploy] })[0]!.incident;
    const { body } = renderAlertIncidentComment(incident, []);
    expect(body.startsWith("### Alerts during this incident\n\nThese alerts started within the correlation window of this rollback (deploy to production)")).toBe(true);
    expect(body).toContain("## Alerts");
    expect(readMarker(body)).toEqual({ incident: incident.id, kind: "alert-incident", detectedAt: incident.openedAt });
    expect(readStateBlock(body)!.home).toEqual(["inc-aaaaaaaaaaaa", 7, "p", "production", -120_000]);
  });
});
