import { describe, expect, test } from "@jest/globals";
import { evaluatePolicies } from "../../../src/core/gate/evaluate-policies.js";
import { mergeRepositoryPolicy } from "../../../src/core/gate/merge-repository-policy.js";
import type { PolicySet } from "../../../src/core/gate/policy-set.js";
import type { ActionProposal } from "../../../src/schemas/action-proposal.js";
import type { PolicyFacts } from "../../../src/schemas/policy-facts.js";
import { RepoPolicy } from "../../../src/schemas/repo-policy.js";
import { facts, policy, proposal, quantity, touching } from "./gate-fixtures.js";

const org: PolicySet = {
  policies: [
    policy("org", [
      { kind: "allowed_actions", actions: ["set-image-tag", "revert-commits", "scale-replicas", "set-resources"] },
      { kind: "bounds", max_replica_change: 3, max_replicas: 20, max_memory: "4Gi" },
      { kind: "step_budget", max_actions: 3 },
      { kind: "rate_limit", max_actions_per_hour: 10 },
      { kind: "approvals", count: 1, codeowners: true },
      { kind: "change_freeze", windows: [{ name: "weekend", days: ["sat", "sun"], start: "00:00", end: "00:00", timezone: "UTC" }] },
      { kind: "automerge", actions: ["scale-replicas"], max_risk: "low", environments: ["production"] },
    ]),
  ],
};
const merged = (input: Record<string, unknown>) => mergeRepositoryPolicy(org, "acme/shop", RepoPolicy.parse(input));
const scale = (from: number, to: number) => proposal({ action: "scale-replicas", ...touching("k8s/deployment.yaml"), quantities: [quantity("replicas", from, to)] });
const RANK = { allow: 0, "needs-approval": 1, deny: 2 } as const;
const verdictOf = (set: PolicySet, p: ActionProposal, f: Partial<PolicyFacts> = {}) => evaluatePolicies(set, p, facts(f)).verdict;

describe("mergeRepositoryPolicy: tightening works", () => {
  test("no policy section: the organisation's set unchanged", () => {
    expect(mergeRepositoryPolicy(org, "acme/shop", undefined)).toEqual({ set: org, warnings: [] });
  });

  test("extra protected paths are denied on top of the organisation's", () => {
    const { set, warnings } = merged({ protected_paths: ["k8s/prod/**"] });
    expect(warnings).toEqual([]);
    const decision = evaluatePolicies(set, proposal(touching("k8s/prod/deployment.yaml")), facts({ rangeFiles: ["k8s/prod/deployment.yaml"] }));
    expect(decision.rules.find((r) => r.policy === "repository")).toMatchObject({ rule: expect.stringMatching(/^repository-protected-paths@/), verdict: "deny" });
  });

  test("lower bounds: +2 replicas denied where the organisation allows +3", () => {
    const { set } = merged({ bounds: { max_replica_change: 1 } });
    expect(verdictOf(org, scale(2, 4))).toBe("allow");
    expect(verdictOf(set, scale(2, 4))).toBe("deny");
  });

  test("fewer allowed actions: the intersection", () => {
    const { set } = merged({ allowed_actions: ["revert-commits"] });
    expect(verdictOf(set, proposal({ action: "revert-commits", ...touching("src/cart.ts") }))).toBe("allow");
    expect(verdictOf(set, proposal())).toBe("deny");
  });

  test("more freezes, and freeze_verdict: deny hardens the organisation's freezes too", () => {
    const saturday = { now: new Date("2026-01-10T12:00:00Z") };
    expect(verdictOf(org, proposal(), saturday)).toBe("needs-approval");
    expect(verdictOf(merged({ freeze_verdict: "deny" }).set, proposal(), saturday)).toBe("deny");
    const { set } = merged({ freeze_windows: [{ name: "wednesday", days: ["wed"], start: "10:00", end: "12:00", timezone: "UTC" }] });
    expect(verdictOf(set, proposal())).toBe("needs-approval");
  });

  test("more approvals: the maximum, with teams added", () => {
    const { set } = merged({ approvals: { count: 2, teams: ["acme/sre"] } });
    expect(evaluatePolicies(set, proposal(), facts()).approvals).toEqual({ count: 2, teams: ["acme/sre"], codeowners: true });
  });

  test("a smaller step budget and rate limit", () => {
    const { set } = merged({ step_budget: 1, rate_limit: 2 });
    expect(verdictOf(set, proposal(), { stepsTaken: 1 })).toBe("deny");
    expect(verdictOf(set, proposal(), { recentActions: 2 })).toBe("deny");
  });

  test("automerge: false withdraws the organisation's grant", () => {
    const automate = facts({ mode: "automate" });
    expect(evaluatePolicies(org, scale(2, 3), automate).automerge.granted).toBe(true);
    expect(evaluatePolicies(merged({ automerge: false }).set, scale(2, 3), automate).automerge.granted).toBe(false);
  });
});

describe("mergeRepositoryPolicy: a repository cannot loosen", () => {
  const loosening: [string, Record<string, unknown>, string[]][] = [
    ["higher bounds", { bounds: { max_replica_change: 10, max_replicas: 100, max_memory: "64Gi" } }, [
      "policy.bounds.max_replica_change: 10 is looser than the organisation's 3; the organisation's limit applies",
      "policy.bounds.max_replicas: 100 is looser than the organisation's 20; the organisation's limit applies",
      "policy.bounds.max_memory: 64Gi is looser than the organisation's 4Gi; the organisation's limit applies",
    ]],
    ["actions the organisation does not allow", { allowed_actions: ["set-yaml-value", "rerun-failed-jobs", "set-image-tag"] }, [
      "policy.allowed_actions: set-yaml-value is not allowed by the organisation's policies; ignored",
      "policy.allowed_actions: rerun-failed-jobs is not allowed by the organisation's policies; ignored",
    ]],
    ["fewer approvals, no code owners", { approvals: { count: 0, codeowners: false } }, [
      "policy.approvals.count: 0 is below the organisation's 1; the organisation's count applies",
      "policy.approvals.codeowners: the organisation requires code owner approval; it stays required",
    ]],
    ["a larger budget and rate", { step_budget: 50, rate_limit: 500 }, [
      "policy.step_budget: 50 is looser than the organisation's 3; the organisation's limit applies",
      "policy.rate_limit: 500 is looser than the organisation's 10; the organisation's limit applies",
    ]],
    ["granting automerge", { automerge: true }, ["policy.automerge: a repository cannot grant automerge; only an organisation policy can. Ignored"]],
  ];

  test.each(loosening)("%s: reported, and no decision gets looser", (_what, input, expected) => {
    const { set, warnings } = merged(input);
    expect(warnings).toEqual(expected);
    const cases: [ActionProposal, Partial<PolicyFacts>][] = [
      [scale(2, 9), {}],
      [scale(19, 30), {}],
      [proposal({ action: "set-resources", quantities: [quantity("memory.limit", 4 * 2 ** 30, 5 * 2 ** 30)] }), {}],
      [proposal({ action: "set-yaml-value" }), {}],
      [proposal({ action: "rerun-failed-jobs" }), {}],
      [proposal(), { stepsTaken: 3 }],
      [proposal(), { recentActions: 10 }],
      [proposal(), {}],
      [scale(2, 3), { mode: "automate", environment: "staging" }],
    ];
    for (const [p, f] of cases) {
      const before = evaluatePolicies(org, p, facts(f));
      const after = evaluatePolicies(set, p, facts(f));
      expect(RANK[after.verdict]).toBeGreaterThanOrEqual(RANK[before.verdict]);
      expect(after.approvals.count).toBeGreaterThanOrEqual(before.approvals.count);
      expect(after.approvals.codeowners).toBe(before.approvals.codeowners);
      expect(after.automerge.granted).toBe(before.automerge.granted);
    }
  });

  test("a value looser than the organisation's everywhere-applying rule is dropped, not kept as noise", () => {
    const { set } = merged({ bounds: { max_replicas: 100, max_replica_change: 2 } });
    expect(set.repository?.rules).toEqual([{ kind: "bounds", id: "repository-bounds", max_replica_change: 2 }]);
  });

  test("a value looser than an environment-scoped organisation bound still tightens the other environments", () => {
    const scoped: PolicySet = { policies: [policy("scoped", [{ kind: "allowed_actions", actions: ["scale-replicas"] }, { kind: "bounds", environments: ["production"], max_replicas: 10 }])] };
    const { set, warnings } = mergeRepositoryPolicy(scoped, "acme/shop", RepoPolicy.parse({ bounds: { max_replicas: 15 } }));
    expect(warnings).toHaveLength(1);
    expect(verdictOf(set, scale(14, 16), { environment: "staging" })).toBe("deny");
    expect(verdictOf(scoped, scale(14, 16), { environment: "staging" })).toBe("allow");
  });
});
