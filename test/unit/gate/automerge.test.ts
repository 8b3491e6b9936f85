import { describe, expect, test } from "@jest/globals";
import { automerge } from "../../../src/core/gate/rules/automerge.js";
import { facts, proposal, rule } from "./gate-fixtures.js";

describe("automerge", () => {
  const grant = rule({ kind: "automerge", actions: ["scale-replicas"], max_risk: "medium", environments: ["staging"] });
  const scale = (risk: "low" | "medium" | "high") => proposal({ action: "scale-replicas", risk });

  test("automate mode, a granted action at or below the risk: granted", () => {
    expect(automerge(grant, scale("medium"), facts({ mode: "automate", environment: "staging" }))).toEqual({
      verdict: "allow",
      reason: "grants automerge of scale-replicas (risk medium) in staging",
      automerge: true,
    });
  });

  test.each([
    ["assist mode", scale("low"), "assist", "no automerge: the mode is assist; automerge needs automate"],
    ["a higher risk", scale("high"), "automate", "no automerge: risk high is above medium"],
    ["another action", proposal({ action: "set-resources" }), "automate", "no automerge: set-resources is not granted (granted: scale-replicas)"],
  ] as const)("%s: not granted, and the verdict is untouched", (_what, p, mode, reason) => {
    expect(automerge(grant, p, facts({ mode }))).toEqual({ verdict: "allow", reason, automerge: false });
  });

  test("a grant needs its environments spelled out", () => {
    expect(() => rule({ kind: "automerge", actions: ["comment"], max_risk: "low" })).toThrow(/environments/);
  });
});
