import { describe, expect, test } from "@jest/globals";
import { allowedActions } from "../../../src/core/gate/rules/allowed-actions.js";
import { facts, proposal, rule } from "./gate-fixtures.js";

describe("allowed_actions", () => {
  const r = rule({ kind: "allowed_actions", actions: ["revert-commits", "set-image-tag"] });

  test("a listed action is allowed, naming the environment", () => {
    expect(allowedActions(r, proposal({ action: "revert-commits" }), facts())).toEqual({ verdict: "allow", reason: "revert-commits is allowed in production" });
  });

  test("an unlisted action is denied, listing what is allowed", () => {
    expect(allowedActions(r, proposal({ action: "scale-replicas" }), facts({ environment: null }))).toEqual({
      verdict: "deny",
      reason: "scale-replicas is not an allowed action (allowed: revert-commits, set-image-tag)",
    });
  });

  test("an empty list denies everything", () => {
    expect(allowedActions(rule({ kind: "allowed_actions", actions: [] }), proposal(), facts())?.reason).toBe("set-image-tag is not an allowed action in production (allowed: none)");
  });
});
