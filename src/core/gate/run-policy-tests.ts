import type { ActionProposal, Quantity } from "../../schemas/action-proposal.js";
import type { Policy } from "../../schemas/policy.js";
import type { PolicyDecision } from "../../schemas/policy-decision.js";
import type { PolicyFacts } from "../../schemas/policy-facts.js";
import type { PolicyTest, TestExpectation, TestFacts, TestProposal, TestQuantity } from "../../schemas/policy-test.js";
import { evaluatePolicies } from "./evaluate-policies.js";
import { cpuMillicores, memoryBytes } from "./k8s-quantity.js";

export interface PolicyTestResult {
  policy: string;
  test: string;
  passed: boolean;
  /** what differed from the expectation, one line each */
  failures: string[];
  decision: PolicyDecision;
}

const number = (name: Quantity["name"], value: string | number): number =>
  name.startsWith("memory.") ? memoryBytes(value) : name.startsWith("cpu.") ? cpuMillicores(value) : Number(value);

const toQuantity = (q: TestQuantity): Quantity => ({ name: q.name, target: q.target, from: q.from === null ? null : number(q.name, q.from), to: number(q.name, q.to) });

/** A full proposal from a test's few words; the filler never influences a rule. */
export const testProposal = (p: TestProposal): ActionProposal => ({
  incidentId: "inc-000000000000",
  action: p.action,
  runbookId: p.runbook,
  risk: p.risk,
  params: {},
  changes: p.changes.map((c) => (typeof c === "string" ? { path: c, change: "modify" as const, content: null, previous: null } : { path: c.path, change: c.change, content: null, previous: null })),
  quantities: p.quantities.map(toQuantity),
  description: [`${p.action} (policy test)`],
  inverse: "Revert the change.",
});

export const testFacts = (f: TestFacts): PolicyFacts => ({
  repo: f.repo,
  environment: f.environment,
  mode: f.mode,
  now: new Date(f.now),
  labels: f.labels,
  killSwitch: f.kill_switch,
  stepsTaken: f.steps_taken,
  recentActions: f.recent_actions,
  rangeFiles: f.range_files,
  signal: f.signal,
});

const idOf = (versioned: string): string => versioned.replace(/@[0-9a-f]{4}$/, "");

/** Every way the decision differs from the expectation. */
export const compareDecision = (decision: PolicyDecision, expect: TestExpectation): string[] => {
  const seen = (id: string) => decision.rules.find((r) => idOf(r.rule) === id);
  const summary = decision.rules.map((r) => `${idOf(r.rule)}=${r.verdict}`).join(", ");
  const failures: string[] = [];
  if (decision.verdict !== expect.verdict) failures.push(`expected ${expect.verdict}, got ${decision.verdict} (${summary})`);
  const rules = Array.isArray(expect.rules) ? Object.fromEntries(expect.rules.map((id) => [id, null])) : (expect.rules ?? {});
  for (const [id, verdict] of Object.entries(rules)) {
    const result = seen(id);
    if (!result) failures.push(`expected rule ${id} to apply; applied: ${summary}`);
    else if (verdict !== null && result.verdict !== verdict) failures.push(`expected rule ${id} to ${verdict}, it said ${result.verdict}: ${result.reason}`);
  }
  if (expect.approvals !== undefined && decision.requiredApprovals !== expect.approvals) failures.push(`expected ${expect.approvals} required approval(s), got ${decision.requiredApprovals}`);
  if (expect.automerge !== undefined && decision.automerge.granted !== expect.automerge) failures.push(`expected automerge ${expect.automerge ? "granted" : "not granted"}, it was ${decision.automerge.granted ? "granted" : "not granted"}`);
  return failures;
};

/**
 * A policy's inline tests, each judged by the gate with that policy alone (plus the built-in
 * rules), so a file's examples say what the file itself decides.
 */
export const runPolicyTests = (policy: Policy): PolicyTestResult[] =>
  policy.tests.map((t: PolicyTest) => {
    const decision = evaluatePolicies({ policies: [policy] }, testProposal(t.proposal), testFacts(t.facts));
    const failures = compareDecision(decision, t.expect);
    return { policy: policy.id, test: t.name, passed: failures.length === 0, failures, decision };
  });
