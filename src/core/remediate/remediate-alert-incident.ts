import type { ChangePublisher } from "../../ports/change-publisher.js";
import type { Clock } from "../../ports/clock.js";
import type { CodeHost } from "../../ports/code-host.js";
import type { DeployHistory } from "../../ports/deploy-history.js";
import type { Logger } from "../../ports/logger.js";
import type { GitAuthor, Workspace } from "../../ports/workspace.js";
import type { PolicyDecision } from "../../schemas/policy-decision.js";
import type { RepoConfig } from "../../schemas/repo-config.js";
import type { Runbook } from "../../schemas/runbook.js";
import type { AlertIncident } from "../model/alert-incident.js";
import { BOT_BRANCH_PREFIX } from "../act/bot-pull-request.js";
import { formatCommitMessage } from "../act/commit-trailers.js";
import { lookUpReviewers, openRollbackPr } from "../act/open-rollback-pr.js";
import { publishPolicyCheck } from "../act/publish-policy-check.js";
import { summarizeDecision } from "../gate/evaluate-policies.js";
import { effectiveMode } from "../gate/effective-mode.js";
import { gateProposals } from "../gate/gate-rollback.js";
import type { PolicySet } from "../gate/policy-set.js";
import { findDeployedRange, type DeployedRange } from "../plan/find-deployed-range.js";
import { alertRunbookFacts, firingAlerts, incidentEnvironment } from "../plan/runbooks/alert-runbook-facts.js";
import { matchRunbooks } from "../plan/runbooks/match-runbooks.js";
import { planMatchingRunbooks } from "../plan/runbooks/plan-matching-runbooks.js";
import { renderRemediationPr } from "../render/render-remediation-pr.js";
import { publishRemediation } from "./publish-remediation.js";
import { readIncidentSteps, stepBranch } from "./incident-steps.js";
import { ensureRemediationReport } from "./ensure-remediation-report.js";

export interface RemediationPorts {
  publisher: ChangePublisher;
  history: DeployHistory;
  host: CodeHost;
  workspace: Workspace;
  log: Logger;
  clock: Clock;
}

export interface RemediationContext {
  config: RepoConfig;
  dryRun: boolean;
  bot: GitAuthor & { login: string };
  clone: { url: string; token: () => Promise<string> };
  policies: PolicySet;
  /** the bundled runbooks and the repository's own, in catalogue order */
  runbooks: readonly Runbook[];
  defaultBranch: string;
  /** the issue (or deploy incident) the incident is written on; null while not written yet */
  document: number | null;
}

export type RemediationOutcome =
  | { kind: "ignored"; reason: string }
  | { kind: "reported"; reason: string; on: number | null }
  | { kind: "pull-request"; number: number; runbook: string; step: number }
  | { kind: "lost-race" };

const ignored = (reason: string): RemediationOutcome => ({ kind: "ignored", reason });

/** Runbooks that blame the latest deploy read its range; the others never pay for it. */
const needsDeployRange = (runbook: Runbook): boolean => /range_commits|range_files|last_good|deployed_within|"failing"/.test(JSON.stringify([runbook.steps, runbook.preconditions, runbook.parameters]));

const worst = (decisions: readonly PolicyDecision[]): PolicyDecision | null =>
  decisions.find((d) => d.verdict === "deny") ?? decisions.find((d) => d.verdict === "needs-approval") ?? decisions[0] ?? null;

/**
 * A firing alert incident → at most one runbook-driven pull request at a time, through the gate:
 * sense (firing, not stopped, no pending or refused step) → match → facts (the deploy range only
 * when a matching runbook needs it) → plan on the default branch's files → gate → act. Denials and
 * runbooks that match but cannot act are reported on the incident, once.
 */
export const remediateAlertIncident = async (incident: Readonly<AlertIncident>, ctx: RemediationContext, ports: RemediationPorts): Promise<RemediationOutcome> => {
  if (ctx.config.kill_switch) return ignored("kill_switch is on in .github/agenticops.yml");
  if (incident.resolvedAt !== null) return ignored("the incident resolved on its own before the bot acted");
  const repo = incident.repo;
  const now = ports.clock.now();
  const leads = firingAlerts(incident).map((alert) => ({ alert, matches: matchRunbooks(ctx.runbooks, alertRunbookFacts({ incident: incident, alert, config: ctx.config, range: null, history: {}, now })).filter((m) => m.matches) }));
  const lead = leads.find((l) => l.matches.length > 0);
  if (!lead) return ignored("no runbook matches the firing alerts");
  const steps = await readIncidentSteps(ports.publisher, repo, BOT_BRANCH_PREFIX, incident.id);
  if (steps.kind === "pending") return ignored(`pull request #${steps.pullRequest.number} for this incident awaits review`);
  if (steps.kind === "refused") return ignored(`a human closed #${steps.pullRequest.number} without merging; the bot proposes nothing more for this incident`);
  if (steps.kind === "exhausted") return ignored(`${steps.steps} steps were taken for this incident; a human takes over`);
  const environment = incidentEnvironment(incident, ctx.config);
  let range: DeployedRange | null = null;
  let rangeNote: string | null = null;
  if (environment && lead.matches.some((m) => needsDeployRange(m.runbook))) {
    const found = await findDeployedRange(ports.history, repo, environment);
    if (found.kind === "found") range = found.range;
    else rangeNote = found.reason;
  }
  const facts = alertRunbookFacts({ incident: incident, alert: lead.alert, config: ctx.config, range, history: steps.history, now });
  const head = await ports.history.getCommit(repo, ctx.defaultBranch);
  if (!head) return ignored(`the default branch ${ctx.defaultBranch} cannot be read`);
  const files = { read: async (path: string) => (await ports.publisher.readFile(repo, path, head.sha))?.text ?? null };
  const choice = await planMatchingRunbooks(lead.matches, facts, files);
  const report = (reason: string, body: Parameters<typeof ensureRemediationReport>[2]) => ensureRemediationReport(ports, { repo, document: ctx.document, incident: incident.id, step: steps.step, dryRun: ctx.dryRun }, body).then((on): RemediationOutcome => ({ kind: "reported", reason, on }));
  if (choice.kind === "none") {
    ports.log.info({ incident: incident.id, attempts: choice.attempts.map((a) => a.runbook.id), range: rangeNote }, "runbooks matched but none could act");
    return report("no runbook could act", { kind: "not-planned", attempts: choice.attempts });
  }
  const { runbook, plan } = choice;
  const subject = { repo, incidentId: incident.id, environment, signal: "alert_firing" as const };
  // every earlier step counts against the budget, however long ago it was merged
  const gated = await gateProposals(ports, ctx, { subject, proposals: plan.proposals, rangeFiles: range?.files ?? null, branchPrefix: BOT_BRANCH_PREFIX, stepsTaken: steps.step - 1 });
  const decision = worst(gated.decisions);
  if (!decision) return ignored("the runbook planned no step");
  ports.log.info({ incident: incident.id, runbook: runbook.id, verdict: decision.verdict, rules: summarizeDecision(decision) }, "policy decision");
  if (gated.stopped) return ignored("a kill switch label is set on an open issue or pull request");
  const changes = plan.proposals.flatMap((p) => p.description);
  if (decision.verdict === "deny") return report("denied", { kind: "denied", runbook: runbook.id, changes, decision });
  if (ctx.dryRun) return ignored(`dry run: ${runbook.id} was planned and ${decision.verdict}, not written`);
  const branch = stepBranch(BOT_BRANCH_PREFIX, incident.id, steps.step);
  const [first] = plan.proposals;
  const pr = renderRemediationPr({ incident: incident, alert: lead.alert, matchReasons: choice.reasons, runbook, params: plan.params, proposals: plan.proposals, decision, step: steps.step, issue: ctx.document, range });
  const message = formatCommitMessage(pr.title, changes.join("\n"), { incident: incident.id, action: plan.proposals.map((p) => p.action).join(", "), runbook: runbook.id, policy: summarizeDecision(decision) });
  const paths = plan.proposals.flatMap((p) => p.changes.map((c) => c.path));
  const reviewers = lookUpReviewers(ports, repo, paths, ctx.bot.login);
  const base = { branch: ctx.defaultBranch, sha: head.sha, tree: head.tree };
  const published = await publishRemediation(plan.proposals, range, { repo, branch, base, message, author: ctx.bot, clone: ctx.clone }, ports);
  if (published.kind === "exists") return { kind: "lost-race" };
  if (published.kind !== "created") {
    const reason = published.kind === "conflict" ? `reverting ${published.commit.slice(0, 7)} conflicts in ${published.files.join(", ")}` : published.kind === "empty" ? "the change is already on the default branch" : published.reason;
    return report(reason, { kind: "not-applied", runbook: runbook.id, reason });
  }
  const labels = [...ctx.config.labels, "remediation", ...(first?.action === "revert-commits" ? ["rollback"] : [])];
  const number = await openRollbackPr(ports, { repo, incident, title: pr.title, body: pr.body, head: branch, base: ctx.defaultBranch, labels, reviewers });
  if (first) await publishPolicyCheck(ports, { repo, decision, proposal: first, sha: published.sha, mode: effectiveMode(ctx.config, runbook.id) });
  return { kind: "pull-request", number, runbook: runbook.id, step: steps.step };
};
