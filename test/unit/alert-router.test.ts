import { describe, expect, test } from "@jest/globals";
import { compileAlertRouter, fixedAlertRouter } from "../../src/core/sense/alerts/alert-router.js";
import { splitByDestination } from "../../src/core/sense/alerts/split-by-destination.js";
import { AlertRoutes } from "../../src/schemas/alert-routes.js";
import { RoutedAlertNotification, type Alert, type AlertNotification } from "../../src/schemas/alert.js";

const alert = (labels: Record<string, string>): Alert => ({
  status: "firing", name: labels.alertname ?? "A", fingerprint: JSON.stringify(labels), labels, annotations: {},
  startsAt: "2026-03-02T13:00:00Z", endsAt: null, generatorURL: null, value: null,
});
const notification = (alerts: Alert[]): AlertNotification => ({
  source: "alertmanager", id: "post-1", receivedAt: "2026-03-02T13:10:00Z", groupKey: "{}:{alertname=\"HighErrorRate\"}",
  groupLabels: { alertname: "HighErrorRate" }, commonLabels: { alertname: "HighErrorRate" }, externalURL: null, truncatedAlerts: 2, alerts,
});

const routes = AlertRoutes.parse({
  repository_label: { allow: ["acme/*", "platform/infra"] },
  routes: [
    { name: "shop", match: { service: "shop" }, repository: "acme/shop" },
    { match: { namespace: { regex: "cart-(prod|staging)" } }, repository: "acme/cart", service: "cart" },
    { name: "cluster-wide", match: { cluster: "eu-1", service: "" }, repository: "platform/infra" },
  ],
});
const route = compileAlertRouter(routes);

describe("compileAlertRouter", () => {
  test("exact labels, in order, first match wins; the service comes from the route, else the label", () => {
    expect(route(alert({ service: "shop", namespace: "cart-prod" }))).toEqual({ repo: { owner: "acme", name: "shop" }, service: "shop", route: "shop" });
    expect(route(alert({ namespace: "cart-prod" }))).toEqual({ repo: { owner: "acme", name: "cart" }, service: "cart", route: "routes[1]" });
  });

  test("a regex must match the whole value", () => {
    expect(route(alert({ namespace: "cart-staging" }))?.route).toBe("routes[1]");
    expect(route(alert({ namespace: "cart-prod-2" }))).toBeNull();
    expect(route(alert({ namespace: "old-cart-prod" }))).toBeNull();
  });

  test("a missing label matches as the empty string", () => {
    expect(route(alert({ cluster: "eu-1" }))?.route).toBe("cluster-wide");
    expect(route(alert({ cluster: "eu-1", service: "search" }))).toBeNull();
  });

  test("an allowed repository label routes directly, before the routes", () => {
    expect(route(alert({ repository: "acme/payments", service: "shop" }))).toEqual({ repo: { owner: "acme", name: "payments" }, service: "shop", route: "repository label" });
    expect(route(alert({ repository: "ACME/Payments" }))?.repo).toEqual({ owner: "ACME", name: "Payments" });
    expect(route(alert({ repository: "platform/infra" }))?.repo.name).toBe("infra");
  });

  test("a repository label that is not allowed, or not owner/name, falls through to the routes", () => {
    expect(route(alert({ repository: "evil/shop", service: "shop" }))?.route).toBe("shop");
    expect(route(alert({ repository: "acme/shop/extra" }))).toBeNull();
    expect(route(alert({ repository: "platform/other" }))).toBeNull();
  });

  test("without repository_label, the label is just a label", () => {
    const plain = compileAlertRouter(AlertRoutes.parse({ routes: [] }));
    expect(plain(alert({ repository: "acme/shop" }))).toBeNull();
  });
});

describe("splitByDestination", () => {
  test("one notification per repository and service, group key suffixed, common labels recomputed", () => {
    const alerts = [
      alert({ alertname: "HighErrorRate", service: "shop", pod: "a" }),
      alert({ alertname: "HighErrorRate", namespace: "cart-prod", pod: "b" }),
      alert({ alertname: "HighErrorRate", service: "shop", pod: "c" }),
      alert({ alertname: "HighErrorRate", service: "search" }),
    ];
    const { routed, unrouted } = splitByDestination(notification(alerts), route);
    expect(routed.map((n) => RoutedAlertNotification.parse(n))).toHaveLength(2);
    expect(routed.map((n) => [n.groupKey, n.repo.name, n.service, n.route, n.alerts.length])).toEqual([
      ['{}:{alertname="HighErrorRate"}@acme/shop#shop', "shop", "shop", "shop", 2],
      ['{}:{alertname="HighErrorRate"}@acme/cart#cart', "cart", "cart", "routes[1]", 1],
    ]);
    expect(routed[0]?.commonLabels).toEqual({ alertname: "HighErrorRate", service: "shop" });
    expect(routed.every((n) => n.id === "post-1" && n.truncatedAlerts === 2)).toBe(true);
    expect(unrouted.map((a) => a.labels.service)).toEqual(["search"]);
  });

  test("a post that is not split still gets the suffix, so its group key never depends on its neighbours", () => {
    const { routed } = splitByDestination(notification([alert({ service: "shop" })]), route);
    expect(routed.map((n) => n.groupKey)).toEqual(['{}:{alertname="HighErrorRate"}@acme/shop#shop']);
  });

  test("a fixed router sends everything to one repository", () => {
    const { routed, unrouted } = splitByDestination(notification([alert({ a: "1" }), alert({ service: "x" })]), fixedAlertRouter({ owner: "acme", name: "shop" }, "repository_dispatch"));
    expect(unrouted).toEqual([]);
    expect(routed.map((n) => [n.groupKey.split("@")[1], n.route])).toEqual([["acme/shop", "repository_dispatch"], ["acme/shop#x", "repository_dispatch"]]);
  });
});

test("the routing file refuses a regex that does not compile, and a repository that is not owner/name", () => {
  const bad = AlertRoutes.safeParse({ routes: [{ match: { service: { regex: "(" } }, repository: "shop" }] });
  expect(bad.success).toBe(false);
  expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
    ["routes.0.match.service.regex", "expected a valid regular expression"],
    ["routes.0.repository", "expected owner/name, e.g. acme/shop"],
  ]);
});
