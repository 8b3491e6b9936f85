import { describe, expect, test } from "@jest/globals";
import { evaluatePolicies, summarizeDecision } from "../../../src/core/gate/evaluate-policies.js";
import { PolicyDecision } from "../../../src/schemas/policy-decision.js";
import { facts, policy, proposal, touching } from "./gate-fixtures.js";

const base = policy("base", [{ kind: "allowed_actions", actions: ["set-image-tag", "revert-commits", "scale-replicas"] }, { kind: "rollback_scope" }, { kind: "approvals", count: 1 }]);
const freeze = policy("freeze", [{ kind: "change_freeze", windows: [{ name: "always", from: "2026-01-01T00:00:00Z", until: "2027-01-01T00:00:00Z" }] }]);
const idOf = (rule: string) => rule.split("@")[0];
const verdicts = (d: PolicyDecision) => Object.fromEntries(d.rules.map((r) => [idOf(r.rule), r.verdict]));

describe("evaluatePolicies", () => {
  test("every applicable rule is listed with its policy, in order, and the decision validates", () => {
    const decision = evaluatePolicies({ policies: [base] }, proposal(), facts());
    expect(PolicyDecision.parse(decision)).toEqual(decision);
    expect(decision.rules.map((r) => `${r.policy}:${idOf(r.rule)}:${r.verdict}`)).toEqual([
      "builtin:mode:allow",
      "builtin:protected-paths:allow",
      "builtin:kill-switch:allow",
      "base:allowed-actions:allow",
      "base:rollback-scope:allow",
      "base:approvals:allow",
    ]);
    expect(decision).toMatchObject({ verdict: "allow", requiredApprovals: 1, approvals: { count: 1, teams: [], codeowners: false }, automerge: { granted: false, rule: null }, evaluatedAt: "2026-01-07T11:00:00.000Z" });
  });

  test("the worst verdict wins: needs-approval over allow, deny over both", () => {
    expect(evaluatePolicies({ policies: [base, freeze] }, proposal(), facts()).verdict).toBe("needs-approval");
    const denied = evaluatePolicies({ policies: [base, freeze] }, proposal(touching(".github/workflows/deploy.yml")), facts({ rangeFiles: [".github/workflows/deploy.yml"] }));
    expect(denied.verdict).toBe("deny");
    expect(verdicts(denied)).toMatchObject({ "protected-paths": "deny", "change-freeze": "needs-approval", "rollback-scope": "allow" });
    expect(denied.requiredApprovals).toBe(0);
  });

  test("no policy at all: deny everything (fail closed)", () => {
    const decision = evaluatePolicies({ policies: [] }, proposal(), facts());
    expect(decision.verdict).toBe("deny");
    expect(decision.rules.find((r) => r.verdict === "deny")).toMatchObject({ policy: "builtin", reason: "no valid policy is loaded, so every action is denied" });
  });

  test("policies that do not list the actions for this repository or environment: deny", () => {
    const elsewhere = policy("elsewhere", [{ kind: "allowed_actions", actions: ["set-image-tag"] }], { applies_to: { repositories: ["other/*"] } });
    const staging = policy("staging", [{ kind: "allowed_actions", environments: ["staging"], actions: ["set-image-tag"] }]);
    for (const p of [elsewhere, staging]) {
      const decision = evaluatePolicies({ policies: [p, freeze] }, proposal(), facts());
      expect(decision.verdict).toBe("deny");
      expect(verdicts(decision)["actions-listed"]).toBe("deny");
      expect(decision.rules.some((r) => r.policy === p.id)).toBe(false);
    }
  });

  test("applies_to matches repositories case-insensitively and environments by glob", () => {
    const scoped = policy("scoped", [{ kind: "allowed_actions", actions: ["set-image-tag"] }], { applies_to: { repositories: ["acme/*"], environments: ["prod*"] } });
    expect(evaluatePolicies({ policies: [scoped] }, proposal(), facts({ repo: "ACME/Shop" })).verdict).toBe("allow");
    expect(evaluatePolicies({ policies: [scoped] }, proposal(), facts({ environment: "staging" })).verdict).toBe("deny");
    expect(evaluatePolicies({ policies: [scoped] }, proposal(), facts({ environment: null })).verdict).toBe("deny");
  });

  test("a rule that throws is a deny that says why; the others still report", () => {
    // a zone the runtime does not know (the schema would have refused it) stands in for any bug inside a rule
    const weird = policy("weird", [{ kind: "allowed_actions", actions: ["set-image-tag"] }, { kind: "change_freeze", windows: [{ name: "x", days: ["mon"], start: "09:00", end: "10:00", timezone: "UTC" }] }]);
    (weird.rules[1] as { windows: { timezone: string }[] }).windows[0]!.timezone = "Mars/Olympus";
    const failed = evaluatePolicies({ policies: [weird] }, proposal(), facts());
    expect(failed.verdict).toBe("deny");
    expect(failed.rules.find((r) => r.rule.startsWith("change-freeze@"))?.reason).toMatch(/^rule failed to evaluate: .*Mars\/Olympus/);
    expect(verdicts(failed)["allowed-actions"]).toBe("allow");
  });

  test("invalid input is a deny naming the problem, never an exception", () => {
    const bad = evaluatePolicies({ policies: [base] }, { ...proposal(), action: "rm-rf" } as never, facts());
    expect(bad).toMatchObject({ verdict: "deny", requiredApprovals: 0, evaluatedAt: "2026-01-07T11:00:00.000Z" });
    expect(bad.rules).toEqual([expect.objectContaining({ verdict: "deny", reason: expect.stringContaining("invalid proposal: action:") })]);
    expect(evaluatePolicies({ policies: [base] }, proposal(), { ...facts(), stepsTaken: -1 }).rules[0]?.reason).toMatch(/^invalid facts: stepsTaken/);
    const throwing = proposal();
    Object.defineProperty(throwing, "changes", { enumerable: true, get: () => { throw new Error("changes unavailable"); } });
    expect(evaluatePolicies({ policies: [base] }, throwing, facts()).rules[0]?.reason).toBe("the input could not be read: changes unavailable");
    expect(evaluatePolicies({ policies: [base] }, proposal(), null as never)).toMatchObject({ verdict: "deny", evaluatedAt: "1970-01-01T00:00:00.000Z" });
  });

  test("the same rule in two files is listed once; versions are stable and change with the definition", () => {
    const copy = policy("copy", base.rules);
    const a = evaluatePolicies({ policies: [base, copy] }, proposal(), facts());
    const b = evaluatePolicies({ policies: [base] }, proposal({ action: "revert-commits" }), facts({ now: new Date() }));
    expect(a.rules.map((r) => r.rule)).toEqual(b.rules.map((r) => r.rule));
    for (const r of a.rules) expect(r.rule).toMatch(/^[a-z-]+@[0-9a-f]{4}$/);
    const stricter = policy("stricter", [{ kind: "allowed_actions", actions: ["set-image-tag"] }]);
    const c = evaluatePolicies({ policies: [stricter] }, proposal(), facts());
    expect(c.rules.find((r) => r.rule.startsWith("allowed-actions@"))?.rule).not.toBe(a.rules.find((r) => r.rule.startsWith("allowed-actions@"))?.rule);
  });

  test("approvals: the strictest of every rule that applied; one by default", () => {
    const more = policy("more", [{ kind: "approvals", id: "two", count: 2, teams: ["acme/sre"] }, { kind: "approvals", id: "owners", count: 1, codeowners: true, teams: ["acme/dba"] }]);
    expect(evaluatePolicies({ policies: [base, more] }, proposal(), facts()).approvals).toEqual({ count: 2, teams: ["acme/dba", "acme/sre"], codeowners: true });
    const none = policy("none", [{ kind: "allowed_actions", actions: ["set-image-tag"] }]);
    expect(evaluatePolicies({ policies: [none] }, proposal(), facts()).requiredApprovals).toBe(1);
  });

  test("automerge only with a grant, in automate mode, when the verdict is allow", () => {
    const grant = policy("grant", [{ kind: "automerge", actions: ["set-image-tag"], max_risk: "low", environments: ["production"] }]);
    const automate = facts({ mode: "automate" });
    const granted = evaluatePolicies({ policies: [base, grant] }, proposal(), automate);
    expect(granted.automerge).toEqual({
      granted: true,
      rule: expect.stringMatching(/^automerge@[0-9a-f]{4}$/),
      reason: expect.stringMatching(/^grants automerge of set-image-tag \(risk low\) in production \(automerge@[0-9a-f]{4}\)$/),
    });
    expect(evaluatePolicies({ policies: [base, grant] }, proposal(), facts()).automerge).toEqual({ granted: false, rule: null, reason: "the mode is assist; automerge needs automate" });
    expect(evaluatePolicies({ policies: [base, grant, freeze] }, proposal(), automate).automerge).toEqual({ granted: false, rule: null, reason: "the verdict is needs-approval, not allow" });
    expect(evaluatePolicies({ policies: [base] }, proposal(), automate).automerge.reason).toBe("no policy rule grants automerge for this action");
    const withdrawn = evaluatePolicies({ policies: [base, grant], repository: { rules: [], withdrawAutomerge: true } }, proposal(), automate);
    expect(withdrawn.automerge).toEqual({ granted: false, rule: null, reason: "withdrawn by policy.automerge: false in .github/agenticops.yml" });
    expect(withdrawn.rules.at(-1)).toMatchObject({ policy: "repository", reason: "automerge is withdrawn by policy.automerge: false in .github/agenticops.yml" });
  });

  test("observe mode and the kill switch are built in: no policy can remove them", () => {
    expect(verdicts(evaluatePolicies({ policies: [base] }, proposal(), facts({ mode: "observe" })))).toMatchObject({ mode: "deny" });
    expect(verdicts(evaluatePolicies({ policies: [base] }, proposal(), facts({ labels: ["agenticops/stop"] })))).toMatchObject({ "kill-switch": "deny" });
    expect(evaluatePolicies({ policies: [base] }, proposal(touching("policies/x.yaml")), facts({ rangeFiles: ["policies/x.yaml"] })).verdict).toBe("deny");
  });
});

describe("summarizeDecision", () => {
  test("the verdict, then every rule with its version, for the Agenticops-Policy trailer", () => {
    const decision = evaluatePolicies({ policies: [base] }, proposal(), facts());
    expect(summarizeDecision(decision)).toMatch(/^allow \(mode@[0-9a-f]{4}, protected-paths@[0-9a-f]{4}, kill-switch@[0-9a-f]{4}, allowed-actions@[0-9a-f]{4}, rollback-scope@[0-9a-f]{4}, approvals@[0-9a-f]{4}\)$/);
  });
});
