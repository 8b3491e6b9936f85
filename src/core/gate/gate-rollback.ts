import type { ChangePublisher } from "../../ports/change-publisher.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { ActionProposal } from "../../schemas/action-proposal.js";
import type { Incident } from "../../schemas/incident.js";
import type { PolicyDecision } from "../../schemas/policy-decision.js";
import type { PolicyFacts } from "../../schemas/policy-facts.js";
import type { RepoConfig } from "../../schemas/repo-config.js";
import type { RepoRef, SignalKind } from "../../schemas/signal.js";
import { BUILTIN_RULES } from "./builtin-rules.js";
import { effectiveMode } from "./effective-mode.js";
import { evaluatePolicies } from "./evaluate-policies.js";
import { mergeRepositoryPolicy } from "./merge-repository-policy.js";
import type { PolicySet } from "./policy-set.js";

const HOUR_MS = 60 * 60 * 1000;

/** Every kill-switch label any policy (or the built-in rule) watches for. */
export const killSwitchLabels = (set: PolicySet): string[] => {
  const rules = [...BUILTIN_RULES, ...set.policies.flatMap((p) => p.rules), ...(set.repository?.rules ?? [])];
  return [...new Set(rules.flatMap((r) => (r.kind === "kill_switch" ? [r.label] : [])))];
};

/** What a proposal is about, for the gate: any incident, from a deploy, a CI run or an alert. */
export interface GateSubject {
  repo: RepoRef;
  incidentId: string;
  environment: string | null;
  signal: SignalKind | null;
}

export interface GateInput {
  subject: GateSubject;
  proposal: ActionProposal;
  /** files the failing range changed, renames under both names; null when there is no range */
  rangeFiles: string[] | null;
  /** the prefix of the bot's branches: its pull requests are its actions */
  branchPrefix: string;
  /** steps the caller knows were taken over the incident's whole life (older than the hour the listing covers) */
  stepsTaken?: number;
}

export interface RollbackGateInput {
  incident: Incident;
  proposal: ActionProposal;
  /** files the failing range changed, renames under both names */
  rangeFiles: string[];
  branchPrefix: string;
}

const subjectOf = (incident: Incident): GateSubject => ({ repo: incident.key.repo, incidentId: incident.id, environment: incident.key.environment, signal: incident.key.kind });

/**
 * The facts the gate needs, from GitHub: one listing of the bot's recent pull requests (the rate
 * limit, and this incident's earlier steps) and one search per kill-switch label on open items.
 */
export const gateFacts = async (publisher: ChangePublisher, set: PolicySet, config: RepoConfig, input: GateInput, now: Date): Promise<PolicyFacts> => {
  const { repo } = input.subject;
  const recent = await publisher.listRecentPullRequests(repo, new Date(now.getTime() - HOUR_MS), input.branchPrefix);
  const own = `${input.branchPrefix}${input.subject.incidentId}`;
  const labels: string[] = [];
  for (const label of killSwitchLabels(set)) if (await publisher.hasOpenItemWithLabel(repo, label)) labels.push(label);
  return {
    repo: `${repo.owner}/${repo.name}`,
    environment: input.subject.environment,
    mode: effectiveMode(config, input.proposal.runbookId),
    now,
    labels,
    killSwitch: config.kill_switch,
    stepsTaken: Math.max(input.stepsTaken ?? 0, recent.filter((p) => p.head === own || p.head.startsWith(`${own}-`)).length),
    recentActions: recent.length,
    rangeFiles: input.rangeFiles,
    signal: input.subject.signal,
  };
};

type GatePorts = { publisher: ChangePublisher; log: Logger; clock: Clock };
type GateContext = { policies: PolicySet; config: RepoConfig };

/**
 * The gate for any proposal: the organisation's policies tightened by the repository's, judged on
 * the concrete proposals (facts read once; each proposal judged on them). `stopped` is true when a
 * kill switch is on: the bot then writes nothing at all.
 */
export const gateProposals = async (
  ports: GatePorts,
  ctx: GateContext,
  input: Omit<GateInput, "proposal"> & { proposals: readonly ActionProposal[] },
): Promise<{ decisions: PolicyDecision[]; stopped: boolean; facts: PolicyFacts | null }> => {
  const [first] = input.proposals;
  if (!first) return { decisions: [], stopped: false, facts: null };
  const repo = `${input.subject.repo.owner}/${input.subject.repo.name}`;
  const { set, warnings } = mergeRepositoryPolicy(ctx.policies, repo, ctx.config.policy);
  if (warnings.length > 0) ports.log.warn({ incident: input.subject.incidentId, warnings }, "the repository's policy section tries to loosen the organisation's; ignored");
  const facts = await gateFacts(ports.publisher, set, ctx.config, { ...input, proposal: first }, ports.clock.now());
  // later steps of one runbook run count the earlier ones against the step budget
  const decisions = input.proposals.map((proposal, index) => evaluatePolicies(set, proposal, { ...facts, mode: effectiveMode(ctx.config, proposal.runbookId), stepsTaken: facts.stepsTaken + index }));
  return { decisions, stopped: facts.killSwitch || facts.labels.length > 0, facts };
};

/** Step 4 of a rollback: `gateProposals` for its one proposal. */
export const gateRollback = async (ports: GatePorts, ctx: GateContext, input: RollbackGateInput): Promise<{ decision: PolicyDecision; stopped: boolean }> => {
  const { decisions, stopped } = await gateProposals(ports, ctx, { subject: subjectOf(input.incident), proposals: [input.proposal], rangeFiles: input.rangeFiles, branchPrefix: input.branchPrefix });
  const [decision] = decisions;
  if (!decision) throw new Error("gateProposals judged no proposal");
  return { decision, stopped };
};
