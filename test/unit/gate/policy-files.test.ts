import { describe, expect, test } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BUNDLED_POLICY_DIR } from "../../../src/adapters/policies/load-policy-dir.js";
import { parsePolicyFile } from "../../../src/core/gate/parse-policy-file.js";
import { compareDecision, runPolicyTests } from "../../../src/core/gate/run-policy-tests.js";
import { formatProblem } from "../../../src/core/validate/located-problem.js";
import type { Policy } from "../../../src/schemas/policy.js";
import { PolicyDecision } from "../../../src/schemas/policy-decision.js";

const files = [
  ...readdirSync(BUNDLED_POLICY_DIR).filter((f) => /\.ya?ml$/.test(f)),
  ...readdirSync(join(BUNDLED_POLICY_DIR, "examples")).filter((f) => /\.ya?ml$/.test(f)).map((f) => join("examples", f)),
];
const load = (file: string): Policy => {
  const result = parsePolicyFile(readFileSync(join(BUNDLED_POLICY_DIR, file), "utf8"), `policies/${file}`, new Map());
  if ("problems" in result) throw new Error(result.problems.map(formatProblem).join("\n"));
  return result.policy;
};
const cases = files.flatMap((file) => runPolicyTests(load(file)).map((r) => [file, r.test, r] as const));

describe("every policy's inline tests", () => {
  test("the bundled default and at least one example are covered", () => {
    expect(files).toEqual(expect.arrayContaining(["default.yaml", "examples/freeze-and-automerge.yaml"]));
    expect(cases.length).toBeGreaterThan(20);
  });

  test("every file starts with the schema header", () => {
    for (const file of files) expect(readFileSync(join(BUNDLED_POLICY_DIR, file), "utf8").split("\n")[0]).toMatch(/^# yaml-language-server: \$schema=(\.\.\/|\.\/)schema\.json$/);
  });

  test.each(cases)("%s: %s", (_file, _name, result) => {
    expect(result.failures).toEqual([]);
  });
});

describe("inline test comparison", () => {
  const decision: PolicyDecision = {
    verdict: "deny",
    rules: [{ rule: "bounds@1234", verdict: "deny", reason: "too many" }, { rule: "mode@abcd", verdict: "allow", reason: "assist" }],
    requiredApprovals: 0,
    approvals: { count: 1, teams: [], codeowners: false },
    automerge: { granted: false, rule: null, reason: "no policy rule grants automerge for this action" },
    evaluatedAt: "2026-01-05T12:00:00.000Z",
  };

  test("a wrong expectation is reported in words a policy author can act on", () => {
    expect(compareDecision(decision, { verdict: "allow", rules: { bounds: "allow", "step-budget": "deny" }, approvals: 1, automerge: true })).toEqual([
      "expected allow, got deny (bounds=deny, mode=allow)",
      "expected rule bounds to allow, it said deny: too many",
      "expected rule step-budget to apply; applied: bounds=deny, mode=allow",
      "expected 1 required approval(s), got 0",
      "expected automerge granted, it was not granted",
    ]);
    expect(compareDecision(decision, { verdict: "deny", rules: ["bounds", "mode"] })).toEqual([]);
  });
});
