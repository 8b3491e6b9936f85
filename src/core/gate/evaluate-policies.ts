import { ActionProposal } from "../../schemas/action-proposal.js";
import type { ApprovalRequirement, PolicyDecision, RuleResult, Verdict } from "../../schemas/policy-decision.js";
import { PolicyFacts } from "../../schemas/policy-facts.js";
import { BUILTIN_RULES, invalidInputResult, modeResult, noPolicyResult, unlistedResult } from "./builtin-rules.js";
import { applicableRules, ruleApplies, type PolicySet, type SourcedRule } from "./policy-set.js";
import { evaluateRule } from "./rules/evaluate-rule.js";
import type { RuleOutcome } from "./rules/rule-outcome.js";
import { shortHash, versionedRuleId } from "./rule-version.js";

const RANK: Record<Verdict, number> = { allow: 0, "needs-approval": 1, deny: 2 };
/** Without an approvals rule, a change still needs one human. */
const DEFAULT_APPROVALS: ApprovalRequirement = { count: 1, teams: [], codeowners: false };
const NOT_ORGANISATION = new Set(["builtin", "repository"]);
const WITHDRAWN = `automerge-withdrawn@${shortHash("policy.automerge: false withdraws every automerge grant")}`;

type Evaluated = SourcedRule & { id: string; outcome: RuleOutcome };

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Both inputs parsed, or the reason they are not (a getter that throws included). */
const validate = (proposal: unknown, facts: unknown): { ok: true; proposal: ActionProposal; facts: PolicyFacts } | { ok: false; reason: string } => {
  try {
    const p = ActionProposal.safeParse(proposal);
    if (!p.success) return { ok: false, reason: `invalid proposal: ${p.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}` };
    const f = PolicyFacts.safeParse(facts);
    if (!f.success) return { ok: false, reason: `invalid facts: ${f.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}` };
    return { ok: true, proposal: p.data, facts: f.data };
  } catch (error) {
    return { ok: false, reason: `the input could not be read: ${describeError(error)}` };
  }
};

const strictest = (requirements: ApprovalRequirement[]): ApprovalRequirement =>
  requirements.length === 0
    ? DEFAULT_APPROVALS
    : {
        count: Math.max(...requirements.map((r) => r.count)),
        teams: [...new Set(requirements.flatMap((r) => r.teams))].sort(),
        codeowners: requirements.some((r) => r.codeowners),
      };

const worst = (results: RuleResult[]): Verdict => results.reduce<Verdict>((w, r) => (RANK[r.verdict] > RANK[w] ? r.verdict : w), "allow");

/** One result per versioned rule: the same rule in two files (or built in) is listed once. */
const unique = (results: RuleResult[]): RuleResult[] => results.filter((r, i) => results.findIndex((o) => o.rule === r.rule) === i);

const evaluateAll = (set: PolicySet, proposal: ActionProposal, facts: PolicyFacts): Evaluated[] => {
  const sourced: SourcedRule[] = [
    ...BUILTIN_RULES.map((rule) => ({ policy: "builtin", rule })),
    ...applicableRules(set, facts),
    ...(set.repository?.rules ?? []).filter((r) => ruleApplies(r, facts)).map((rule) => ({ policy: "repository", rule })),
  ];
  return sourced.flatMap((s) => {
    const outcome = evaluateRule(s.rule, proposal, facts);
    return outcome ? [{ ...s, id: versionedRuleId(s.rule), outcome }] : [];
  });
};

/** Whether the bot may merge without a human, and why (or why not) in words. */
const automergeOf = (evaluated: Evaluated[], verdict: Verdict, withdrawn: boolean): PolicyDecision["automerge"] => {
  const grant = evaluated.find((e) => e.outcome.automerge === true);
  const no = (reason: string) => ({ granted: false, rule: null, reason });
  if (!grant) {
    const refusal = evaluated.find((e) => e.outcome.automerge === false);
    return no(refusal ? refusal.outcome.reason.replace(/^no automerge: /, "") : "no policy rule grants automerge for this action");
  }
  if (withdrawn) return no("withdrawn by policy.automerge: false in .github/agenticops.yml");
  if (verdict !== "allow") return no(`the verdict is ${verdict}, not allow`);
  return { granted: true, rule: grant.id, reason: `${grant.outcome.reason} (${grant.id})` };
};

/**
 * The gate. Every applicable rule is evaluated against the concrete proposal; the decision is the
 * worst verdict, with every rule that applied. Fails closed: invalid input, a rule that throws,
 * no policy, or no policy listing the allowed actions is a deny. Pure: same input, same decision.
 */
export const evaluatePolicies = (set: PolicySet, proposal: ActionProposal, facts: PolicyFacts): PolicyDecision => {
  const input = validate(proposal, facts);
  if (!input.ok) {
    const at = facts instanceof Object && "now" in facts && facts.now instanceof Date && !Number.isNaN(facts.now.getTime()) ? facts.now : new Date(0);
    const automerge = { granted: false, rule: null, reason: "the input is invalid" };
    return { verdict: "deny", rules: [invalidInputResult(input.reason)], requiredApprovals: 0, approvals: DEFAULT_APPROVALS, automerge, evaluatedAt: at.toISOString() };
  }
  const evaluated = evaluateAll(set, input.proposal, input.facts);
  const listed = evaluated.some((e) => e.rule.kind === "allowed_actions" && !NOT_ORGANISATION.has(e.policy));
  const grant = evaluated.find((e) => e.outcome.automerge === true);
  const withdrawn = grant !== undefined && set.repository?.withdrawAutomerge === true;
  const results = unique([
    modeResult(input.facts),
    ...(set.policies.length === 0 ? [noPolicyResult] : !listed ? [unlistedResult(input.facts)] : []),
    ...evaluated.map((e): RuleResult => ({ rule: e.id, policy: e.policy, verdict: e.outcome.verdict, reason: e.outcome.reason })),
    ...(withdrawn ? [{ rule: WITHDRAWN, policy: "repository", verdict: "allow" as const, reason: "automerge is withdrawn by policy.automerge: false in .github/agenticops.yml" }] : []),
  ]);
  const verdict = worst(results);
  const approvals = strictest(evaluated.flatMap((e) => (e.outcome.approvals ? [e.outcome.approvals] : [])));
  return {
    verdict,
    rules: results,
    requiredApprovals: verdict === "deny" ? 0 : approvals.count,
    approvals,
    automerge: automergeOf(evaluated, verdict, withdrawn),
    evaluatedAt: input.facts.now.toISOString(),
  };
};

/** `allow (rollback-scope@3e1a, protected-paths@91c0)` for commit trailers. */
export const summarizeDecision = (decision: PolicyDecision): string => `${decision.verdict} (${decision.rules.map((r) => r.rule).join(", ")})`;
