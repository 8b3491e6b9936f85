import type { ActionProposal, Quantity } from "../../../src/schemas/action-proposal.js";
import type { PolicyFacts } from "../../../src/schemas/policy-facts.js";
import { Policy } from "../../../src/schemas/policy.js";
import { PolicyRule, type RuleKind, type RuleOfKind } from "../../../src/schemas/policy-rule.js";

export const NOW = new Date("2026-01-07T11:00:00.000Z"); // a Wednesday

export const proposal = (change: Partial<ActionProposal> = {}): ActionProposal => ({
  incidentId: "inc-0123456789ab",
  action: "set-image-tag",
  runbookId: "deploy-failed-rollback",
  risk: "low",
  params: {},
  changes: [{ path: "k8s/deployment.yaml", change: "modify", content: null, previous: null }],
  description: ["pin shop back to 1.4.2"],
  inverse: "Revert this pull request's commit.",
  ...change,
});

export const touching = (...paths: string[]): Pick<ActionProposal, "changes"> => ({ changes: paths.map((path) => ({ path, change: "modify" as const, content: null, previous: null })) });

export const quantity = (name: Quantity["name"], from: number | null, to: number): Quantity => ({ name, target: "k8s/deployment.yaml#Deployment/shop", from, to });

export const facts = (change: Partial<PolicyFacts> = {}): PolicyFacts => ({
  repo: "acme/shop",
  environment: "production",
  mode: "assist",
  now: NOW,
  labels: [],
  killSwitch: false,
  stepsTaken: 0,
  recentActions: 0,
  rangeFiles: ["k8s/deployment.yaml", "src/cart.ts"],
  signal: "workflow_failed",
  ...change,
});

/** A rule as a policy file would give it (defaults applied). */
export const rule = <K extends RuleKind>(input: { kind: K } & Record<string, unknown>): RuleOfKind<K> => PolicyRule.parse(input) as RuleOfKind<K>;

/** A policy from its rules, with a placeholder test (the schema requires one). */
export const policy = (id: string, rules: Record<string, unknown>[], extra: Record<string, unknown> = {}): Policy =>
  Policy.parse({ id, description: `${id} policy`, rules, tests: [{ name: "placeholder", proposal: { action: "comment" }, expect: { verdict: "allow" } }], ...extra });
