import { describe, expect, test } from "@jest/globals";
import { rollbackScope } from "../../../src/core/gate/rules/rollback-scope.js";
import { facts, proposal, rule, touching } from "./gate-fixtures.js";

describe("rollback_scope", () => {
  const r = rule({ kind: "rollback_scope" });

  test("a rollback of files the range changed is allowed", () => {
    expect(rollbackScope(r, proposal({ action: "revert-commits", ...touching("src/cart.ts", "./k8s/deployment.yaml") }), facts())).toEqual({
      verdict: "allow",
      reason: "2 file(s), all changed by the failing range",
    });
  });

  test("a file outside the range is denied, by name", () => {
    expect(rollbackScope(r, proposal({ action: "revert-commits", ...touching("src/cart.ts", "package.json") }), facts())).toEqual({
      verdict: "deny",
      reason: "touches files outside the failing range: package.json",
    });
  });

  test("without a known range a rollback cannot be scoped: deny", () => {
    expect(rollbackScope(r, proposal(), facts({ rangeFiles: null }))?.verdict).toBe("deny");
  });

  test("an action that is not a rollback is not this rule's concern (not listed)", () => {
    expect(rollbackScope(r, proposal({ action: "scale-replicas" }), facts({ rangeFiles: null }))).toBeNull();
  });

  test("the actions that count as rollbacks are configurable", () => {
    const own = rule({ kind: "rollback_scope", actions: ["set-yaml-value"] });
    expect(rollbackScope(own, proposal({ action: "set-yaml-value", ...touching("values.yaml") }), facts())?.verdict).toBe("deny");
    expect(rollbackScope(own, proposal({ action: "revert-commits" }), facts())).toBeNull();
  });
});
