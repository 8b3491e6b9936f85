import type { Context } from "probot";
import { octokitGovernanceHost } from "../adapters/github/octokit-governance-host.js";
import { botPullRequestIncident } from "../core/act/bot-pull-request.js";
import { governPullRequest, type GovernanceTrigger } from "../core/act/govern-pull-request.js";
import { isAgenticOpsError } from "../core/model/agenticops-error.js";
import { DEFAULT_KILL_SWITCH_LABEL } from "../core/gate/builtin-rules.js";
import { effectiveMode } from "../core/gate/effective-mode.js";
import { activeFreezes } from "../core/gate/active-freezes.js";
import { killSwitchLabels } from "../core/gate/gate-rollback.js";
import type { RepoConfig } from "../schemas/repo-config.js";
import { HeadChecksEvent } from "../schemas/head-checks-event.js";
import { PullRequestEvent, PullRequestReviewEvent, type PullRequestPayload } from "../schemas/pull-request-event.js";
import type { RepoRef } from "../schemas/signal.js";
import type { AppOptions } from "./app-options.js";
import { botIdentity, DEFAULT_APP } from "./bot-identity.js";
import { governanceTargets } from "./governance-targets.js";
import { loadRepoConfig } from "./load-repo-config.js";


/**
 * The runbook's effective mode and the kill switch, from the default branch's config, read once per
 * delivery. No config or an invalid one is observe: the bot never merges on a config it cannot read.
 */
const repoSettings = (context: Context, options: AppOptions, repo: string) => {
  let config: Promise<RepoConfig | null> | undefined;
  return async (runbook: string | null): Promise<{ mode: string; killSwitch: boolean; freezes: string[] }> => {
    config ??= loadRepoConfig(context).catch((error: unknown) => {
      if (isAgenticOpsError(error, "CONFIG_INVALID")) return null;
      throw error;
    });
    const loaded = await config;
    if (!loaded) return { mode: "observe", killSwitch: false, freezes: [] };
    // no policies loaded: no freeze is known, but then no grant is either, so nothing merges
    const freezes = options.policies ? activeFreezes(options.policies, repo, loaded.policy, options.clock.now()) : [];
    return { mode: effectiveMode(loaded, runbook), killSwitch: loaded.kill_switch, freezes };
  };
};

/** Every label that stops the bot: the built-in one, and any the organisation's policies add. */
const killLabelsOf = (options: AppOptions): string[] => (options.policies ? killSwitchLabels(options.policies) : [DEFAULT_KILL_SWITCH_LABEL]);

/** Governs each pull request once at a time per process; several deliveries about one coalesce. */
const govern = async (context: Context, options: AppOptions, repo: RepoRef, targets: { numbers: number[]; branches: string[] }, trigger: GovernanceTrigger) => {
  const log = context.log.child({ delivery: context.id, event: context.name });
  // its own key: a check_suite delivery is also seen by the failure handler
  const delivery = `govern:${context.id}`;
  if (!options.guard.firstDelivery(delivery)) return;
  const app = options.app ?? DEFAULT_APP;
  const host = octokitGovernanceHost(context.octokit, options.app ? { appId: options.app.id } : {});
  try {
    const byBranch = await Promise.all(targets.branches.map((b) => host.findOpenPullRequest(repo, b)));
    const numbers = [...new Set([...targets.numbers, ...byBranch.filter((n): n is number => n !== null)])];
    const ctx = { bot: botIdentity(app).login, dryRun: options.dryRun, settings: repoSettings(context, options, `${repo.owner}/${repo.name}`), killLabels: killLabelsOf(options) };
    for (const number of numbers) {
      const outcome = await options.guard.once(`govern:${repo.owner}/${repo.name}#${number}`, () => governPullRequest({ host, log }, ctx, repo, number, trigger));
      log.info({ pr: number, outcome: outcome === "coalesced" ? { kind: "coalesced" } : outcome }, "governance handled");
    }
  } catch (error) {
    options.guard.forget(delivery);
    throw error;
  }
};

const isBotPull = (pr: PullRequestPayload, options: AppOptions): boolean =>
  botPullRequestIncident({ headRef: pr.head.ref, body: pr.body, author: pr.user?.login ?? null }, botIdentity(options.app ?? DEFAULT_APP).login) !== null;

const repoOf = (event: { repository: { name: string; owner: { login: string } } }): RepoRef => ({ owner: event.repository.owner.login, name: event.repository.name });

/** `pull_request_review.submitted` / `.dismissed` on the bot's pull requests: approvals, requested changes. */
export const handlePullRequestReview = (options: AppOptions) => async (context: Context<"pull_request_review">) => {
  const parsed = PullRequestReviewEvent.safeParse(context.payload);
  if (!parsed.success || !isBotPull(parsed.data.pull_request, options)) return;
  const { review, pull_request: pr, action } = parsed.data;
  const trigger: GovernanceTrigger =
    action === "dismissed"
      ? { kind: "review-dismissed" }
      : { kind: "review", state: review.state, reviewer: review.user?.login ?? parsed.data.sender.login, commitId: review.commit_id ?? null, at: review.submitted_at ?? options.clock.now().toISOString() };
  await govern(context, options, repoOf(parsed.data), { numbers: [pr.number], branches: [] }, trigger);
};

/**
 * `pull_request.closed` on the bot's pull requests (closing unmerged is a human override), and a
 * kill-switch label put on or taken off one (its policy check fails, or stands again).
 */
export const handlePullRequestEvent = (options: AppOptions) => async (context: Context<"pull_request.closed" | "pull_request.labeled" | "pull_request.unlabeled">) => {
  const parsed = PullRequestEvent.safeParse(context.payload);
  if (!parsed.success || !isBotPull(parsed.data.pull_request, options)) return;
  const { pull_request: pr, sender, action, label } = parsed.data;
  const repo = repoOf(parsed.data);
  if (action === "closed") {
    await govern(context, options, repo, { numbers: [pr.number], branches: [] }, { kind: "closed", by: sender.login, at: pr.closed_at ?? options.clock.now().toISOString() });
    return;
  }
  if (!label || !killLabelsOf(options).some((k) => k.toLowerCase() === label.name.toLowerCase())) return;
  await govern(context, options, repo, { numbers: [pr.number], branches: [] }, { kind: "checks" });
};

/** `check_run.completed`, `check_suite.completed`, `status` on the bot's branches: maybe time to merge. */
export const handleHeadChecks = (options: AppOptions) => async (context: Context<"check_run.completed" | "check_suite.completed" | "status">) => {
  const parsed = HeadChecksEvent.safeParse(context.payload);
  if (!parsed.success) return;
  const targets = governanceTargets(parsed.data, (options.app ?? DEFAULT_APP).slug);
  if (targets.numbers.length + targets.branches.length === 0) return;
  await govern(context, options, repoOf(parsed.data), targets, { kind: "checks" });
};
