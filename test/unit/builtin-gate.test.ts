import { describe, expect, test } from "@jest/globals";
import { evaluateBuiltinGate, PROTECTED_PREFIXES, summarizeDecision, type GateFacts } from "../../src/core/gate/builtin-gate.js";
import type { ActionProposal } from "../../src/schemas/action-proposal.js";
import { PolicyDecision } from "../../src/schemas/policy-decision.js";

const now = new Date("2026-11-23T14:05:00.000Z");
const K8S = "k8s/deployment.yaml";
const proposal = (change: Partial<ActionProposal> = {}): ActionProposal => ({
  incidentId: "inc-0123456789ab",
  action: "set-image-tag",
  runbookId: "deploy-failed-rollback",
  risk: "low",
  params: {},
  changes: [{ path: K8S, change: "modify", content: "image: shop:1.4.2\n", previous: "image: shop:1.5.0\n" }],
  description: ["pin shop back to 1.4.2"],
  inverse: "Revert this pull request's commit.",
  ...change,
});
const facts = (change: Partial<GateFacts> = {}): GateFacts => ({ mode: "assist", rangeFiles: [K8S, "src/cart.ts"], ...change });
const revertOf = (...paths: string[]) => paths.map((path) => ({ path, change: "revert" as const, content: null, previous: null }));

/** The rule's verdict and reason, by its unversioned id. */
const ruleOf = (decision: PolicyDecision, id: string) => decision.rules.find((r) => r.rule.startsWith(`${id}@`));

describe("evaluateBuiltinGate", () => {
  test("a pin of a file the range changed, in assist mode, is allowed by every rule and needs one approval", () => {
    const decision = evaluateBuiltinGate(proposal(), facts(), now);
    expect(PolicyDecision.parse(decision)).toEqual(decision);
    expect(decision.verdict).toBe("allow");
    expect(decision.requiredApprovals).toBe(1);
    expect(decision.evaluatedAt).toBe("2026-11-23T14:05:00.000Z");
    expect(decision.rules.map((r) => [r.rule.split("@")[0], r.verdict, r.reason])).toEqual([
      ["mode", "allow", "mode is assist"],
      ["rollback-only", "allow", "set-image-tag is a rollback action"],
      ["rollback-scope", "allow", "1 file(s), all changed by the failing range"],
      ["protected-paths", "allow", "no protected path touched"],
    ]);
  });

  test("observe mode denies, even a change every other rule allows", () => {
    const decision = evaluateBuiltinGate(proposal(), facts({ mode: "observe" }), now);
    expect(decision.verdict).toBe("deny");
    expect(decision.requiredApprovals).toBe(0);
    expect(ruleOf(decision, "mode")).toMatchObject({ verdict: "deny", reason: "the repository is in observe mode" });
    expect(decision.rules.filter((r) => r.verdict === "deny")).toHaveLength(1);
  });

  test("a revert of the range's commits is a rollback action", () => {
    const decision = evaluateBuiltinGate(proposal({ action: "revert-commits", changes: revertOf(K8S, "src/cart.ts") }), facts(), now);
    expect(decision.verdict).toBe("allow");
    expect(ruleOf(decision, "rollback-scope")?.reason).toBe("2 file(s), all changed by the failing range");
  });

  test.each([["scale-replicas"], ["set-yaml-value"], ["rerun-failed-jobs"]] as const)("%s is not a rollback action: deny", (action) => {
    const decision = evaluateBuiltinGate(proposal({ action }), facts(), now);
    expect(decision.verdict).toBe("deny");
    expect(ruleOf(decision, "rollback-only")).toMatchObject({ verdict: "deny", reason: `${action} is not a rollback action` });
  });

  test("a file the failing range did not change is out of scope: deny, naming the files", () => {
    const decision = evaluateBuiltinGate(proposal({ changes: revertOf(K8S, "src/payments.ts", "package.json") }), facts(), now);
    expect(decision.verdict).toBe("deny");
    expect(ruleOf(decision, "rollback-scope")).toMatchObject({ verdict: "deny", reason: "touches files outside the failing range: src/payments.ts, package.json" });
  });

  test.each(PROTECTED_PREFIXES.map((p) => [`${p}x.yml`]))("touching %s is denied even when the range changed it", (path) => {
    const decision = evaluateBuiltinGate(proposal({ changes: revertOf(path) }), facts({ rangeFiles: [path] }), now);
    expect(decision.verdict).toBe("deny");
    expect(ruleOf(decision, "rollback-scope")?.verdict).toBe("allow");
    expect(ruleOf(decision, "protected-paths")).toMatchObject({ verdict: "deny", reason: `touches protected paths: ${path}` });
  });

  test("a path that only looks like a protected one is allowed", () => {
    const decision = evaluateBuiltinGate(proposal({ changes: revertOf("deploy/.github-token-note.md") }), facts({ rangeFiles: ["deploy/.github-token-note.md"] }), now);
    expect(ruleOf(decision, "protected-paths")?.verdict).toBe("allow");
  });

  test("a rule that throws is a deny that says why, and the other rules still report", () => {
    const broken = proposal();
    Object.defineProperty(broken, "changes", {
      get: () => {
        throw new Error("changes unavailable");
      },
    });
    const decision = evaluateBuiltinGate(broken, facts(), now);
    expect(decision.verdict).toBe("deny");
    expect(decision.requiredApprovals).toBe(0);
    expect(ruleOf(decision, "rollback-scope")).toMatchObject({ verdict: "deny", reason: "rule failed to evaluate: changes unavailable" });
    expect(ruleOf(decision, "protected-paths")).toMatchObject({ verdict: "deny", reason: "rule failed to evaluate: changes unavailable" });
    expect(ruleOf(decision, "mode")?.verdict).toBe("allow");
  });

  test("rule ids carry a 4-hex version that is stable across calls and differs between rules", () => {
    const first = evaluateBuiltinGate(proposal(), facts(), now).rules.map((r) => r.rule);
    const second = evaluateBuiltinGate(proposal({ action: "scale-replicas" }), facts({ mode: "observe" }), new Date()).rules.map((r) => r.rule);
    for (const id of first) expect(id).toMatch(/^[a-z-]+@[0-9a-f]{4}$/);
    expect(second).toEqual(first);
    expect(new Set(first.map((id) => id.split("@")[1])).size).toBe(first.length);
  });
});

describe("summarizeDecision", () => {
  test("verdict, then every rule with its version, for the Agenticops-Policy trailer", () => {
    const decision = evaluateBuiltinGate(proposal(), facts(), now);
    const summary = summarizeDecision(decision);
    expect(summary).toMatch(/^allow \(mode@[0-9a-f]{4}, rollback-only@[0-9a-f]{4}, rollback-scope@[0-9a-f]{4}, protected-paths@[0-9a-f]{4}\)$/);
    expect(summary).toBe(`allow (${decision.rules.map((r) => r.rule).join(", ")})`);
  });

  test("a denied decision starts with deny", () => {
    expect(summarizeDecision(evaluateBuiltinGate(proposal(), facts({ mode: "observe" }), now))).toMatch(/^deny \(mode@[0-9a-f]{4}, /);
  });
});
