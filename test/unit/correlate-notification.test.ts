import { describe, expect, test } from "@jest/globals";
import { correlateNotification, type CorrelationContext } from "../../src/core/sense/alerts/correlate-notification.js";
import { IncidentBook } from "../../src/core/sense/alerts/incident-book.js";
import type { DeployIncidentRef } from "../../src/core/model/alert-incident.js";
import { REPO, alert, at, notification, resolved } from "./support/alert-notifications.js";

const WINDOW = 10 * 60_000;
const ctx = (overrides: Partial<CorrelationContext> = {}): CorrelationContext => ({ windowMs: WINDOW, deploys: [], catalog: [], ...overrides });

const a1 = alert("HighLatency", "pod-1");
const a2 = alert("HighLatency", "pod-2");

describe("correlateNotification: group key and fingerprints", () => {
  test("the first post opens one incident holding its alerts, keyed on repository, group and start", () => {
    const book = new IncidentBook();
    const [result, ...rest] = correlateNotification(book, notification("HighLatency", [a1, a2]), ctx());
    expect(rest).toEqual([]);
    expect(result!.change).toBe("opened");
    expect(result!.incident.id).toMatch(/^inc-[0-9a-f]{12}$/);
    expect([...result!.incident.alerts.keys()]).toEqual([a1.fingerprint, a2.fingerprint]);
    expect(result!.incident.title).toBe("checkout: HighLatency");
    expect(result!.incident.openedAt).toBe(at(0));
    expect(book.size).toBe(1);
  });

  test("the same facts give the same id in another process; another start gives another id", () => {
    const id = (alerts = [a1]) => correlateNotification(new IncidentBook(), notification("HighLatency", alerts), ctx())[0]!.incident.id;
    expect(id()).toBe(id());
    expect(id([{ ...a1, startsAt: at(-30) }])).not.toBe(id());
  });

  test("a later post of the group adds its new alert to the same incident", () => {
    const book = new IncidentBook();
    const first = correlateNotification(book, notification("HighLatency", [a1]), ctx())[0]!.incident;
    const [second] = correlateNotification(book, notification("HighLatency", [a1, a2], { receivedAt: at(1) }), ctx());
    expect(second!.incident).toBe(first);
    expect(second!.change).toBe("updated");
    expect(first.alerts.size).toBe(2);
    expect(first.alerts.get(a2.fingerprint)!.firstSeen).toBe(at(1));
  });
});

describe("correlateNotification: repeats and HA duplicates change nothing", () => {
  test("a repeat (same fingerprint, status and start) only moves last seen", () => {
    const book = new IncidentBook();
    const incident = correlateNotification(book, notification("HighLatency", [a1, a2]), ctx())[0]!.incident;
    const [repeat] = correlateNotification(book, notification("HighLatency", [a1, a2], { receivedAt: at(4) }), ctx());
    expect(repeat!.change).toBe("unchanged");
    expect(incident.alerts.get(a1.fingerprint)).toMatchObject({ firstSeen: at(0), lastSeen: at(4), status: "firing" });
  });

  test("the second replica's identical post, with another id and receipt time, is unchanged", () => {
    const book = new IncidentBook();
    const post = notification("HighLatency", [a1, a2]);
    correlateNotification(book, post, ctx());
    const [copy] = correlateNotification(book, { ...post, id: "replica-b", receivedAt: at(0.01) }, ctx());
    expect(copy!.change).toBe("unchanged");
    expect(book.size).toBe(1);
  });

  test("a firing copy that arrives after the episode resolved is stale, not a reopening", () => {
    const book = new IncidentBook();
    const incident = correlateNotification(book, notification("HighLatency", [a1]), ctx())[0]!.incident;
    correlateNotification(book, notification("HighLatency", [resolved(a1, 3)], { receivedAt: at(3) }), ctx());
    const [late] = correlateNotification(book, notification("HighLatency", [a1], { receivedAt: at(3.1) }), ctx());
    expect(late!.change).toBe("unchanged");
    expect(incident.resolvedAt).toBe(at(3));
    expect(incident.alerts.get(a1.fingerprint)!.status).toBe("resolved");
  });
});

describe("correlateNotification: resolution", () => {
  test("the incident resolves when its last alert resolves, at the latest end", () => {
    const book = new IncidentBook();
    const incident = correlateNotification(book, notification("HighLatency", [a1, a2]), ctx())[0]!.incident;
    const [partly] = correlateNotification(book, notification("HighLatency", [resolved(a1, 2), a2], { receivedAt: at(2) }), ctx());
    expect(partly!.change).toBe("updated");
    expect(incident.resolvedAt).toBeNull();
    const [all] = correlateNotification(book, notification("HighLatency", [resolved(a1, 2), resolved(a2, 5)], { receivedAt: at(6) }), ctx());
    expect(all!.change).toBe("resolved");
    expect(incident.resolvedAt).toBe(at(5));
    expect(incident.alerts.get(a2.fingerprint)).toMatchObject({ status: "resolved", resolvedAt: at(5) });
  });

  test("a new episode within the window reopens the incident; after the window it is a new incident", () => {
    const book = new IncidentBook();
    const incident = correlateNotification(book, notification("HighLatency", [a1]), ctx())[0]!.incident;
    correlateNotification(book, notification("HighLatency", [resolved(a1, 2)], { receivedAt: at(2) }), ctx());
    const flap = { ...a1, startsAt: at(5) };
    const [reopened] = correlateNotification(book, notification("HighLatency", [flap], { receivedAt: at(5) }), ctx());
    expect(reopened!.change).toBe("reopened");
    expect(reopened!.incident).toBe(incident);
    expect(incident.reopenedAt).toEqual([at(5)]);
    correlateNotification(book, notification("HighLatency", [resolved(flap, 6)], { receivedAt: at(6) }), ctx());
    const later = { ...a1, startsAt: at(30) };
    const [fresh] = correlateNotification(book, notification("HighLatency", [later], { receivedAt: at(30) }), ctx());
    expect(fresh!.change).toBe("opened");
    expect(fresh!.incident.id).not.toBe(incident.id);
  });

  test("resolutions of alerts no incident knows open nothing", () => {
    const book = new IncidentBook();
    expect(correlateNotification(book, notification("HighLatency", [resolved(a1, 1)]), ctx())).toEqual([]);
    expect(book.size).toBe(0);
  });

  test("a replayed firing post of a resolved incident goes back to it, even after the window", () => {
    const book = new IncidentBook();
    const post = notification("HighLatency", [a1]);
    const incident = correlateNotification(book, post, ctx())[0]!.incident;
    correlateNotification(book, notification("HighLatency", [resolved(a1, 2)], { receivedAt: at(2) }), ctx());
    const [replay] = correlateNotification(book, { ...post, receivedAt: at(60) }, ctx());
    expect(replay).toEqual({ incident, change: "unchanged" });
    expect(book.size).toBe(1);
  });
});

describe("correlateNotification: service window", () => {
  const errors = alert("HighErrorRate", "pod-1");

  test("another group of the same service within the window joins the open incident", () => {
    const book = new IncidentBook();
    const incident = correlateNotification(book, notification("HighLatency", [a1]), ctx())[0]!.incident;
    const [joined] = correlateNotification(book, notification("HighErrorRate", [errors], { receivedAt: at(9) }), ctx());
    expect(joined!.incident).toBe(incident);
    expect([...incident.groups.keys()]).toEqual(['{}:{alertname="HighLatency"}', '{}:{alertname="HighErrorRate"}']);
  });

  test("the service comes from the alerts' label when the route names none", () => {
    const book = new IncidentBook();
    const incident = correlateNotification(book, notification("HighLatency", [a1], { service: null }), ctx())[0]!.incident;
    const [joined] = correlateNotification(book, notification("HighErrorRate", [errors], { service: null, receivedAt: at(2) }), ctx());
    expect(joined!.incident).toBe(incident);
    expect(incident.service).toBe("checkout");
  });

  test("after the window, or for another service, it is a separate incident", () => {
    const book = new IncidentBook();
    const incident = correlateNotification(book, notification("HighLatency", [a1]), ctx())[0]!.incident;
    const [late] = correlateNotification(book, notification("HighErrorRate", [errors], { receivedAt: at(11) }), ctx());
    const other = notification("DiskFull", [alert("DiskFull", "db-1")], { service: "ledger", commonLabels: { alertname: "DiskFull" }, receivedAt: at(1) });
    const [elsewhere] = correlateNotification(book, other, ctx());
    expect(late!.incident).not.toBe(incident);
    expect(elsewhere!.incident).not.toBe(incident);
    expect(book.size).toBe(3);
  });

  test("the window is measured from the last post with a firing alert, repeats included", () => {
    const book = new IncidentBook();
    const incident = correlateNotification(book, notification("HighLatency", [a1]), ctx())[0]!.incident;
    correlateNotification(book, notification("HighLatency", [a1], { receivedAt: at(8) }), ctx());
    const [joined] = correlateNotification(book, notification("HighErrorRate", [errors], { receivedAt: at(17) }), ctx());
    expect(joined!.incident).toBe(incident);
  });
});

describe("correlateNotification: truncated posts", () => {
  test("the count of alerts Alertmanager left out is recorded per group, and a change is material", () => {
    const book = new IncidentBook();
    const incident = correlateNotification(book, notification("HighLatency", [a1], { truncatedAlerts: 40 }), ctx())[0]!.incident;
    expect(incident.groups.get('{}:{alertname="HighLatency"}')!.truncated).toBe(40);
    const [same] = correlateNotification(book, notification("HighLatency", [a1], { truncatedAlerts: 40, receivedAt: at(1) }), ctx());
    expect(same!.change).toBe("unchanged");
    const [fewer] = correlateNotification(book, notification("HighLatency", [a1], { truncatedAlerts: 12, receivedAt: at(2) }), ctx());
    expect(fewer!.change).toBe("updated");
  });
});

describe("correlateNotification: failed deploys", () => {
  const deploy: DeployIncidentRef = { incident: "inc-aaaaaaaaaaaa", number: 7, kind: "pull-request", environment: "production", detectedAt: at(-3) };
  const catalog = [{ name: "checkout", environment: "production", files: ["k8s/checkout.yaml"] }];
  const crash = alert("KubePodCrashLooping", "checkout-7f9c");

  test("a crash loop right after a failed deploy of the environment joins the deploy incident instead of opening an issue", () => {
    const book = new IncidentBook();
    const [result] = correlateNotification(book, notification("KubePodCrashLooping", [crash]), ctx({ deploys: [deploy], catalog }));
    expect(result!.change).toBe("opened");
    expect(result!.incident.home).toEqual({ kind: "deploy-comment", deploy });
    expect(result!.incident.environment).toBe("production");
    const [again] = correlateNotification(book, notification("HighLatency", [{ ...a1, startsAt: at(30) }], { receivedAt: at(30) }), ctx({ deploys: [deploy], catalog }));
    expect(again!.incident).not.toBe(result!.incident);
    expect(again!.incident.home).toEqual({ kind: "issue" });
  });

  test("one alert incident per deploy incident: a second group after the service window rejoins it", () => {
    const book = new IncidentBook();
    const first = correlateNotification(book, notification("KubePodCrashLooping", [crash]), ctx({ deploys: [deploy], catalog }))[0]!.incident;
    const other = notification("DiskFull", [alert("DiskFull", "db-1", { startsAt: at(5) })], { service: "ledger", receivedAt: at(5) });
    const [joined] = correlateNotification(book, other, ctx({ deploys: [deploy], catalog }));
    expect(joined!.incident).toBe(first);
  });

  test("another environment, or a deploy outside the window, does not attach", () => {
    const book = new IncidentBook();
    const staging = notification("KubePodCrashLooping", [crash], { commonLabels: { environment: "staging" } });
    expect(correlateNotification(book, staging, ctx({ deploys: [deploy], catalog }))[0]!.incident.home).toEqual({ kind: "issue" });
    const old = { ...deploy, detectedAt: at(-11) };
    const other = notification("KubePodCrashLooping", [alert("KubePodCrashLooping", "x")], { service: "search", receivedAt: at(0) });
    expect(correlateNotification(new IncidentBook(), other, ctx({ deploys: [old] }))[0]!.incident.home).toEqual({ kind: "issue" });
  });

  test("a deploy incident without an environment (a CI failure) never attaches", () => {
    const ci = { ...deploy, environment: null };
    const [result] = correlateNotification(new IncidentBook(), notification("KubePodCrashLooping", [crash]), ctx({ deploys: [ci] }));
    expect(result!.incident.home).toEqual({ kind: "issue" });
    expect(result!.incident.repo).toEqual(REPO);
  });
});
