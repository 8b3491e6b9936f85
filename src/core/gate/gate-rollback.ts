import type { ChangePublisher } from "../../ports/change-publisher.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { ActionProposal } from "../../schemas/action-proposal.js";
import type { Incident } from "../../schemas/incident.js";
import type { PolicyDecision } from "../../schemas/policy-decision.js";
import type { PolicyFacts } from "../../schemas/policy-facts.js";
import type { RepoConfig } from "../../schemas/repo-config.js";
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

export interface RollbackGateInput {
  incident: Incident;
  proposal: ActionProposal;
  /** files the failing range changed, renames under both names */
  rangeFiles: string[];
  /** the prefix of the bot's branches: its pull requests are its actions */
  branchPrefix: string;
}

/**
 * The facts the gate needs, from GitHub: one listing of the bot's recent pull requests (the rate
 * limit, and this incident's earlier steps) and one search per kill-switch label on open items.
 */
export const rollbackFacts = async (publisher: ChangePublisher, set: PolicySet, config: RepoConfig, input: RollbackGateInput, now: Date): Promise<PolicyFacts> => {
  const repo = input.incident.key.repo;
  const recent = await publisher.listRecentPullRequests(repo, new Date(now.getTime() - HOUR_MS), input.branchPrefix);
  const own = `${input.branchPrefix}${input.incident.id}`;
  const labels: string[] = [];
  for (const label of killSwitchLabels(set)) if (await publisher.hasOpenItemWithLabel(repo, label)) labels.push(label);
  return {
    repo: `${repo.owner}/${repo.name}`,
    environment: input.incident.key.environment,
    mode: effectiveMode(config, input.proposal.runbookId),
    now,
    labels,
    killSwitch: config.kill_switch,
    stepsTaken: recent.filter((p) => p.head === own || p.head.startsWith(`${own}-`)).length,
    recentActions: recent.length,
    rangeFiles: input.rangeFiles,
    signal: input.incident.key.kind,
  };
};

/**
 * Step 4 of a rollback: the organisation's policies tightened by the repository's, judged on the
 * concrete proposal. `stopped` is true when a kill switch is on: the bot then writes nothing at all.
 */
export const gateRollback = async (
  ports: { publisher: ChangePublisher; log: Logger; clock: Clock },
  ctx: { policies: PolicySet; config: RepoConfig },
  input: RollbackGateInput,
): Promise<{ decision: PolicyDecision; stopped: boolean }> => {
  const repo = `${input.incident.key.repo.owner}/${input.incident.key.repo.name}`;
  const { set, warnings } = mergeRepositoryPolicy(ctx.policies, repo, ctx.config.policy);
  if (warnings.length > 0) ports.log.warn({ incident: input.incident.id, warnings }, "the repository's policy section tries to loosen the organisation's; ignored");
  const facts = await rollbackFacts(ports.publisher, set, ctx.config, input, ports.clock.now());
  const decision = evaluatePolicies(set, input.proposal, facts);
  return { decision, stopped: facts.killSwitch || facts.labels.length > 0 };
};
