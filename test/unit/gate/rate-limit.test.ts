import { describe, expect, test } from "@jest/globals";
import { rateLimit } from "../../../src/core/gate/rules/rate-limit.js";
import { facts, proposal, rule } from "./gate-fixtures.js";

describe("rate_limit", () => {
  const r = rule({ kind: "rate_limit", max_actions_per_hour: 10 });

  test("below the limit: allowed, with the count", () => {
    expect(rateLimit(r, proposal(), facts({ recentActions: 9 }))).toEqual({ verdict: "allow", reason: "9 of at most 10 actions in the last hour" });
  });

  test("at the limit the circuit breaker opens", () => {
    expect(rateLimit(r, proposal(), facts({ recentActions: 10 }))).toEqual({
      verdict: "deny",
      reason: "circuit breaker open: 10 bot action(s) in acme/shop in the last hour, the limit is 10",
    });
  });
});
