import { describe, expect, test } from "@jest/globals";
import { killSwitch } from "../../../src/core/gate/rules/kill-switch.js";
import { facts, proposal, rule } from "./gate-fixtures.js";

describe("kill_switch", () => {
  const r = rule({ kind: "kill_switch" });

  test("the default label is agenticops/stop", () => {
    expect(r.label).toBe("agenticops/stop");
    expect(killSwitch(r, proposal(), facts())).toEqual({ verdict: "allow", reason: "no agenticops/stop label, kill_switch off" });
  });

  test("the label stops everything, whatever its letter case (GitHub's labels ignore case)", () => {
    expect(killSwitch(r, proposal(), facts({ labels: ["incident", "AgenticOps/STOP"] }))).toEqual({ verdict: "deny", reason: "the agenticops/stop label is set" });
  });

  test("the repository's kill_switch stops everything", () => {
    expect(killSwitch(r, proposal(), facts({ killSwitch: true }))).toEqual({ verdict: "deny", reason: "kill_switch is on in .github/agenticops.yml" });
  });

  test("another label can be configured; a similar one does not stop", () => {
    const own = rule({ kind: "kill_switch", label: "ops/freeze-bot" });
    expect(killSwitch(own, proposal(), facts({ labels: ["ops/freeze-bot"] }))?.verdict).toBe("deny");
    expect(killSwitch(own, proposal(), facts({ labels: ["ops/freeze-bot-later", "agenticops/stop"] }))?.verdict).toBe("allow");
  });
});
