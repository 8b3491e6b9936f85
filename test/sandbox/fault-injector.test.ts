import { describe, expect, test } from "@jest/globals";
import { FaultInjector, FaultPlan, type FaultPlanInput } from "../../src/sandbox/faults/fault-plan.js";
import { matchRoute } from "../../src/sandbox/faults/match-route.js";

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const injector = (plan: FaultPlanInput) => new FaultInjector(plan, { now: () => NOW, installationId: 4242 });

describe("matchRoute", () => {
  test.each([
    ["POST /repos/*/pulls", "POST", "/repos/acme/api/pulls", true],
    ["POST /repos/*/pulls", "POST", "/repos/acme/api/pulls/1/merge", false],
    ["POST /repos/*/pulls", "GET", "/repos/acme/api/pulls", false],
    ["post /repos/*/pulls", "POST", "/repos/acme/api/pulls?x=1", true],
    ["/check-runs", "PATCH", "/repos/acme/api/check-runs/7", true],
    ["/repos/*/git/refs", "POST", "/repos/acme/api/git/refs", true],
    ["GET /repos", "POST", "/repos/acme/api", false],
  ])("%s selects %s %s: %s", (route, method, path, expected) => {
    expect(matchRoute(route, method, path)).toBe(expected);
  });
});

describe("FaultInjector API faults", () => {
  test("latency applies to every matching call by default and adds up", () => {
    const f = injector({ latency: [{ ms: 100 }, { ms: 50, route: "/pulls" }] });
    expect(f.forApiCall("GET", "/repos/a/b").delayMs).toBe(100);
    expect(f.forApiCall("GET", "/repos/a/b/pulls").delayMs).toBe(150);
    expect(f.forApiCall("GET", "/repos/a/b/pulls").delayMs).toBe(150);
    expect(f.injected.filter((i) => i.kind === "latency")).toHaveLength(5);
  });

  test("http_5xx hits one matching call by default, after skips, times caps", () => {
    const f = injector({ http_5xx: { status: 503, route: "POST /repos/*/pulls", after: 1, times: 2 } });
    const statuses = [1, 2, 3, 4].map(() => f.forApiCall("POST", "/repos/a/b/pulls").respond?.status);
    expect(statuses).toEqual([undefined, 503, 503, undefined]);
    expect(f.forApiCall("GET", "/repos/a/b/pulls").respond).toBeUndefined();
    expect(f.injected).toEqual([
      { kind: "http_5xx", target: "POST /repos/a/b/pulls", at: NOW },
      { kind: "http_5xx", target: "POST /repos/a/b/pulls", at: NOW },
    ]);

    const once = injector({ http_5xx: {} });
    const first = once.forApiCall("GET", "/x").respond;
    expect(first?.status).toBe(502);
    expect(JSON.parse(first?.body ?? "{}")).toMatchObject({ message: "Server Error", status: "502" });
    expect(once.forApiCall("GET", "/x").respond).toBeUndefined();
  });

  test("secondary_rate_limit answers like GitHub with retry-after", () => {
    const f = injector({ secondary_rate_limit: { retry_after_s: 30 } });
    const r = f.forApiCall("POST", "/repos/a/b/issues/1/comments").respond;
    expect(r?.status).toBe(403);
    expect(r?.headers["retry-after"]).toBe("30");
    expect(r?.headers["x-ratelimit-remaining"]).not.toBe("0");
    const body = JSON.parse(r?.body ?? "{}") as { message: string; documentation_url: string };
    expect(body.message).toMatch(/^You have exceeded a secondary rate limit\. Please wait a few minutes/);
    expect(body.documentation_url).toContain("secondary-rate-limits");
  });

  test("primary_rate_limit exhausts the budget until the reset time", () => {
    const f = injector({ primary_rate_limit: { reset_in_s: 120 } });
    const r = f.forApiCall("GET", "/repos/a/b").respond;
    expect(r?.status).toBe(403);
    expect(r?.headers["x-ratelimit-remaining"]).toBe("0");
    expect(r?.headers["x-ratelimit-reset"]).toBe(String(NOW / 1000 + 120));
    expect(JSON.parse(r?.body ?? "{}").message).toMatch(/^API rate limit exceeded for installation ID 4242\./);
  });

  test("timeout hangs the call; the first responding fault wins and others keep their budget", () => {
    const f = injector({ timeout: { route: "/pulls" }, http_5xx: { status: 500 }, latency: { ms: 10 } });
    expect(f.forApiCall("GET", "/repos/a/b/pulls")).toEqual({ delayMs: 10, hang: true });
    expect(f.forApiCall("GET", "/repos/a/b/pulls")).toMatchObject({ delayMs: 10, respond: { status: 500 } });
    expect(f.forApiCall("GET", "/repos/a/b/pulls")).toEqual({ delayMs: 10 });
    expect(f.injected.map((i) => i.kind)).toEqual(["latency", "timeout", "latency", "http_5xx", "latency"]);
  });
});

describe("FaultInjector webhook faults", () => {
  test("duplicate_deliveries duplicates every selected delivery by default", () => {
    const f = injector({ duplicate_deliveries: { event: "workflow_run" } });
    expect(f.forWebhook(0, "workflow_run")).toEqual({ copies: 2, concurrent: false });
    expect(f.forWebhook(1, "workflow_run.completed")).toEqual({ copies: 2, concurrent: false });
    expect(f.forWebhook(2, "workflow_job")).toEqual({ copies: 1, concurrent: false });
    expect(f.injected.map((i) => i.target)).toEqual(["webhook #0 workflow_run", "webhook #1 workflow_run.completed"]);
  });

  test("concurrent_deliveries selects by index and honours after/times", () => {
    const f = injector({
      concurrent_deliveries: { index: [1, 2, 3], after: 1, times: 1 },
      duplicate_deliveries: { copies: 3, event: "check_*" },
    });
    const decisions = [0, 1, 2, 3].map((i) => f.forWebhook(i, i === 2 ? "check_run" : "push"));
    expect(decisions).toEqual([
      { copies: 1, concurrent: false },
      { copies: 1, concurrent: false },
      { copies: 3, concurrent: true, concurrentCopies: 2 },
      { copies: 1, concurrent: false },
    ]);
  });
});

describe("FaultPlan", () => {
  test("rejects unknown kinds and fields with a typed error", () => {
    expect(() => injector({ dns_failure: {} } as never)).toThrow("Invalid fault plan");
    expect(() => injector({ http_5xx: { status: 504 } } as never)).toThrow("Invalid fault plan");
    expect(FaultPlan.safeParse({ latency: { ms: 5, rout: "/x" } }).success).toBe(false);
  });

  test("an empty plan injects nothing", () => {
    const f = injector({});
    expect(f.forApiCall("GET", "/")).toEqual({ delayMs: 0 });
    expect(f.forWebhook(0, "push")).toEqual({ copies: 1, concurrent: false });
    expect(f.injected).toEqual([]);
  });
});
