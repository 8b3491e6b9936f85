import type { GovernanceHost, GovernedPullRequest } from "../../ports/governance-host.js";
import type { Logger } from "../../ports/logger.js";
import type { HumanOverride } from "../../schemas/human-override.js";
import type { PolicyCheckRecord } from "../../schemas/policy-check-record.js";
import type { RepoRef } from "../../schemas/signal.js";
import { readPolicyCheckMarker } from "../render/policy-check-marker.js";
import { POLICY_CHECK_NAME, renderPolicyCheck } from "../render/render-policy-check.js";
import { botPullRequestIncident } from "./bot-pull-request.js";
import { decideMerge, OVERRIDE_LABEL, type MergeDecision, type MergeFacts } from "./decide-merge.js";
import { formatMergeMessage } from "./merge-message.js";
import { recordOverride } from "./record-override.js";
import { tallyHead } from "./tally-head.js";
import type { ReviewTally } from "./tally-reviews.js";

export interface GovernancePorts {
  host: GovernanceHost;
  log: Logger;
}

export interface GovernanceContext {
  /** the bot's login, `<slug>[bot]` */
  bot: string;
  dryRun: boolean;
  /**
   * The repository's settings for the pull request's runbook, read from the default branch when
   * needed: its effective mode, and whether `kill_switch` is on.
   */
  settings: (runbook: string | null) => Promise<{ mode: string; killSwitch: boolean; freezes?: string[] }>;
  /** the labels that stop the bot (the built-in one and any a policy adds) */
  killLabels: string[];
}

/** What woke the bot up about one of its pull requests. */
export type GovernanceTrigger =
  | { kind: "review"; state: string; reviewer: string; commitId: string | null; at: string }
  | { kind: "review-dismissed" }
  | { kind: "closed"; by: string; at: string }
  | { kind: "checks" };

export type GovernanceOutcome =
  | { kind: "ignored"; reason: string }
  | { kind: "override"; result: "recorded" | "already-recorded"; override: HumanOverride }
  | { kind: "governed"; tally: ReviewTally; check: string; merge: MergeDecision; merged: string | null };

const overrideOf = (trigger: GovernanceTrigger, pr: GovernedPullRequest): HumanOverride | null => {
  if (trigger.kind === "closed" && pr.state === "closed" && !pr.merged) return { kind: "closed-unmerged", by: trigger.by, at: trigger.at, sha: pr.headSha };
  if (trigger.kind === "review" && trigger.state.toUpperCase() === "CHANGES_REQUESTED") return { kind: "changes-requested", by: trigger.reviewer, at: trigger.at, sha: trigger.commitId };
  return null;
};

/**
 * One of the bot's pull requests after a review, a close or a check result: record a human
 * override, bring the policy check up to date with the approvals on the head, and, in automate
 * mode, merge it pinned to the head SHA when decideMerge says so.
 */
export const governPullRequest = async (ports: GovernancePorts, ctx: GovernanceContext, repo: RepoRef, number: number, trigger: GovernanceTrigger): Promise<GovernanceOutcome> => {
  const { host } = ports;
  const found = await host.getPullRequest(repo, number);
  const incident = found ? botPullRequestIncident(found, ctx.bot) : null;
  if (!found || !incident) return { kind: "ignored", reason: "not an AgenticOps pull request" };
  const override = overrideOf(trigger, found);
  if (override) {
    const result = await recordOverride(host, repo, { number, labels: found.labels, incident }, override, ctx.dryRun);
    ports.log.info({ pr: number, override, result }, "human override");
    if (override.kind === "closed-unmerged") return { kind: "override", result, override };
  }
  // the label just added is part of what the merge decision reads
  const pr = override ? { ...found, labels: [...new Set([...found.labels, OVERRIDE_LABEL])] } : found;
  if (pr.state !== "open") return { kind: "ignored", reason: pr.merged ? "already merged" : "closed" };
  return governOpen(ports, ctx, repo, pr);
};

/** The open pull request: tally the head's reviews, refresh the policy check, and merge when decideMerge says so. */
const governOpen = async (ports: GovernancePorts, ctx: GovernanceContext, repo: RepoRef, pr: GovernedPullRequest): Promise<GovernanceOutcome> => {
  const { host } = ports;
  const [commits, own] = await Promise.all([host.listCommits(repo, pr.number), host.findOwnCheckRun(repo, pr.headSha, POLICY_CHECK_NAME)]);
  const isBot = (login: string | null) => login !== null && login.toLowerCase() === ctx.bot.toLowerCase();
  const committers = [...new Set(commits.flatMap((c) => (c.author && !isBot(c.author) ? [c.author] : [])))];
  // after a human push the head has no check of the bot's yet: the decision is on the bot's commit
  const record = readPolicyCheckMarker(own?.text) ?? (await decisionOnBotCommit(host, repo, commits.find((c) => isBot(c.author))?.sha, pr.headSha));
  const reviews = await tallyHead(host, repo, pr, { bot: ctx.bot, committers, record });
  const { mode, killSwitch, freezes = [] } = await ctx.settings(record?.runbook ?? null);
  const stopped = killSwitch ? "kill_switch is on in .github/agenticops.yml" : killLabelOn(pr.labels, ctx.killLabels);
  const refreshed = record ? await refreshPolicyCheck(host, repo, { record, pr, reviews, committers, mode, stopped, dryRun: ctx.dryRun }) : null;
  const facts: MergeFacts = { mode, pullRequest: pr, record, policyConclusion: refreshed?.conclusion ?? own?.conclusion ?? null, humanCommitters: committers, tally: reviews, checks: [], requiredChecks: null, stopped, freezes };
  // what costs API calls (the head's checks, a kill switch elsewhere) only when nothing else rules a merge out
  const merge = decideMerge(decideMerge(facts).kind === "refuse" ? facts : await withChecks(host, repo, pr, facts, ctx.killLabels));
  const botCommitMessage = commits.at(-1)?.message ?? "";
  const merged = merge.kind === "merge" && record && !ctx.dryRun ? await mergeNow(ports, repo, pr, { sha: merge.sha, record, approvedBy: reviews.approvedBy, botCommitMessage }) : null;
  ports.log.info({ pr: pr.number, check: refreshed?.kind ?? "none", merge, merged }, "pull request governed");
  return { kind: "governed", tally: reviews, check: refreshed?.kind ?? "none", merge, merged };
};

/** The policy check on the head, re-rendered with the current approvals (and, after a human push, created there). */
const refreshPolicyCheck = async (
  host: GovernanceHost,
  repo: RepoRef,
  input: { record: PolicyCheckRecord; pr: GovernedPullRequest; reviews: ReviewTally; committers: string[]; mode: string; stopped: string | null; dryRun: boolean },
): Promise<{ kind: string; conclusion: string }> => {
  const { record, pr } = input;
  const changed = record.sha !== pr.headSha ? { headSha: pr.headSha, by: input.committers.length > 0 ? input.committers : ["someone"] } : undefined;
  const view = renderPolicyCheck({ record, tally: input.reviews, mode: input.mode, ...(changed ? { changed } : {}), ...(input.stopped ? { stopped: input.stopped } : {}) });
  if (input.dryRun) return { kind: "dry-run", conclusion: view.conclusion };
  const written = await host.ensureCheckRun(repo, { name: POLICY_CHECK_NAME, headSha: pr.headSha, ...view });
  return { kind: written.kind, conclusion: view.conclusion };
};

const decisionOnBotCommit = async (host: GovernanceHost, repo: RepoRef, botSha: string | undefined, headSha: string) => {
  if (!botSha || botSha === headSha) return null;
  return readPolicyCheckMarker((await host.findOwnCheckRun(repo, botSha, POLICY_CHECK_NAME))?.text);
};

const killLabelOn = (labels: string[], killLabels: string[]): string | null => {
  const found = labels.find((l) => killLabels.some((k) => k.toLowerCase() === l.toLowerCase()));
  return found ? `the ${found} label is on this pull request` : null;
};

/** The head's checks, what the base branch requires, and a kill-switch label on any other open item. */
const withChecks = async (host: GovernanceHost, repo: RepoRef, pr: GovernedPullRequest, facts: MergeFacts, killLabels: string[]): Promise<MergeFacts> => {
  const [checks, requiredChecks, ...labelled] = await Promise.all([
    host.listChecks(repo, pr.headSha),
    host.requiredChecks(repo, pr.baseRef),
    ...killLabels.map((label) => host.hasOpenItemWithLabel(repo, label)),
  ]);
  const label = killLabels.find((_, i) => labelled[i]);
  return {
    ...facts,
    checks: checks.filter((c) => c.name !== POLICY_CHECK_NAME),
    requiredChecks: requiredChecks?.filter((n) => n !== POLICY_CHECK_NAME) ?? null,
    stopped: facts.stopped ?? (label ? `the ${label} label is on an open issue or pull request` : null),
  };
};

const mergeNow = async (
  ports: GovernancePorts,
  repo: RepoRef,
  pr: GovernedPullRequest,
  input: { sha: string; record: PolicyCheckRecord; approvedBy: string[]; botCommitMessage: string },
): Promise<string | null> => {
  const message = formatMergeMessage({ number: pr.number, owner: repo.owner, headRef: pr.headRef, title: pr.title, headSha: input.sha, botCommitMessage: input.botCommitMessage, record: input.record, approvedBy: input.approvedBy });
  const result = await ports.host.merge(repo, pr.number, { sha: input.sha, ...message });
  if (result.kind === "merged") return result.sha;
  ports.log.warn({ pr: pr.number, result }, result.kind === "head-moved" ? "head moved before the merge; nothing merged" : "GitHub refused the merge");
  return null;
};
