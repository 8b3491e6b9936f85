import type { ChangePublisher } from "../ports/change-publisher.js";
import type { Clock } from "../ports/clock.js";
import type { CodeHost } from "../ports/code-host.js";
import type { DeployHistory } from "../ports/deploy-history.js";
import type { Logger } from "../ports/logger.js";
import type { GitAuthor, Workspace } from "../ports/workspace.js";
import type { Evidence } from "../schemas/evidence.js";
import type { Incident } from "../schemas/incident.js";
import type { RepoConfig } from "../schemas/repo-config.js";
import type { SenseResult } from "./sense/failure-subject.js";
import { openIncident } from "./sense/open-incident.js";
import { collectJobEvidence } from "./diagnose/collect-job-evidence.js";
import { resolveLastGood } from "./plan/resolve-last-good.js";
import { firstParentChain, planRollback } from "./plan/plan-rollback.js";
import { revertCommands } from "./plan/handoff-commands.js";
import { touchedPaths } from "./plan/touched-paths.js";
import { summarizeDecision } from "./gate/evaluate-policies.js";
import { effectiveMode } from "./gate/effective-mode.js";
import { gateRollback } from "./gate/gate-rollback.js";
import type { PolicySet } from "./gate/policy-set.js";
import { publishRollback } from "./act/publish-rollback.js";
import { formatCommitMessage, parseCommitTrailers } from "./act/commit-trailers.js";
import { lookUpReviewers, openRollbackPr, type Reviewers } from "./act/open-rollback-pr.js";
import { reportIncident } from "./act/report-incident.js";
import { checkExistingRollback } from "./act/check-existing-rollback.js";
import { publishPolicyCheck } from "./act/publish-policy-check.js";
import { renderRollbackPr, rollbackCommitSubject } from "./render/render-rollback-pr.js";
import { diagnoseRun, type DiagnosisKit } from "./diagnose/diagnose-run.js";
import { diagnoseCheckSuite } from "./diagnose/check-run-evidence.js";
import { fallbackSignatures } from "./diagnose/fallback-signatures.js";
import { BUILTIN_RUNBOOK_DOCS } from "./diagnose/builtin-knowledge.js";
import { serviceDocs } from "./diagnose/knowledge-index.js";
import { commitsWithFiles } from "./diagnose/commits-with-files.js";
import type { Comparison } from "../ports/deploy-history.js";
import type { Diagnosis } from "../schemas/diagnosis.js";
import { isAgenticOpsError } from "./model/agenticops-error.js";

export interface RollbackPorts {
  host: CodeHost;
  history: DeployHistory;
  publisher: ChangePublisher;
  workspace: Workspace;
  log: Logger;
  clock: Clock;
}

export interface RollbackContext {
  config: RepoConfig;
  dryRun: boolean;
  bot: GitAuthor & { login: string };
  clone: { url: string; token: () => Promise<string> };
  /** the diagnosis engine; without it the evidence is plain log excerpts */
  diagnosis?: DiagnosisKit;
  /** the organisation's policies; the repository's `policy:` section can only tighten them */
  policies: PolicySet;
}

/** The runbook a rollback runs as: its mode override in `.github/agenticops.yml` applies. */
export const ROLLBACK_RUNBOOK = "deploy-failed-rollback";
const BRANCH_PREFIX = "agenticops/";

export type RollbackOutcome =
  | { kind: "ignored"; incidentId: string; reason: string }
  | { kind: "issue"; incidentId: string; reason: string; issue: number }
  | { kind: "pull-request"; incidentId: string; number: number; action: string }
  | { kind: "lost-race"; incidentId: string };

export const branchFor = (incident: Incident): string => `${BRANCH_PREFIX}${incident.id}`;

const prLabels = (ctx: RollbackContext, incident: Incident): string[] => [...ctx.config.labels, "rollback", `severity/${incident.severity}`];

/**
 * The branch exists but no pull request does (checked at step 2). If its tip is this incident's
 * bot commit, an earlier attempt stopped between branch and pull request: finish it. Otherwise, or
 * when another delivery opens the pull request first (GitHub answers 422), this one lost the race.
 */
const adoptOrphanBranch = async (
  ports: RollbackPorts,
  input: { repo: Incident["key"]["repo"]; incident: Incident; pr: { title: string; body: string }; base: string; labels: string[]; reviewers: Promise<Reviewers> },
): Promise<RollbackOutcome> => {
  const { incident } = input;
  const tip = await ports.publisher.branchHeadMessage(input.repo, branchFor(incident));
  if (tip === null || parseCommitTrailers(tip).incident !== incident.id) return { kind: "lost-race", incidentId: incident.id };
  try {
    const number = await openRollbackPr(ports, { ...input, title: input.pr.title, body: input.pr.body, head: branchFor(incident) });
    ports.log.info({ incident: incident.id, pr: number }, "opened the pull request for an orphaned rollback branch");
    return { kind: "pull-request", incidentId: incident.id, number, action: "adopted" };
  } catch (error) {
    if (isAgenticOpsError(error, "CODE_HOST_FAILED") && error.details["status"] === 422) return { kind: "lost-race", incidentId: incident.id };
    throw error;
  }
};

/**
 * The evidence (and, with the engine, the diagnosis). Logs explain the failure but never gate the
 * rollback: a run that is gone means no evidence, not no rollback.
 */
const diagnoseIncident = async (
  ports: RollbackPorts,
  ctx: RollbackContext,
  incident: Incident,
  subject: Extract<SenseResult, { kind: "signal" }>["subject"],
  comparison: Comparison | null,
): Promise<{ evidence: Evidence[]; diagnosis: Diagnosis | null }> => {
  const runId = subject.kind === "workflow-run" ? subject.runId : subject.kind === "deployment" ? subject.runId : null;
  const suiteId = subject.kind === "check-suite" ? subject.suiteId : null;
  if (runId === null && suiteId === null) return { evidence: [], diagnosis: null };
  const inputs = () => ({ commits: commitsWithFiles(comparison), knowledge: [...BUILTIN_RUNBOOK_DOCS, ...serviceDocs(ctx.config)], environment: incident.key.environment ?? undefined });
  try {
    if (suiteId !== null) {
      // a third-party CI's evidence is its check runs' output and annotations; without the engine, generic words only
      const suite = await diagnoseCheckSuite(ports.host, ctx.diagnosis ?? { signatures: fallbackSignatures(), ranker: null, knownSecrets: [] }, incident.key.repo, suiteId, inputs());
      return { evidence: suite.evidence, diagnosis: ctx.diagnosis ? suite : null };
    }
    if (runId === null) return { evidence: [], diagnosis: null };
    if (!ctx.diagnosis) return { evidence: await collectJobEvidence(ports.host, incident.key.repo, runId), diagnosis: null };
    const diagnosis = await diagnoseRun(ports.host, ctx.diagnosis, incident.key.repo, runId, inputs());
    return { evidence: diagnosis.evidence, diagnosis };
  } catch (error) {
    if (!isAgenticOpsError(error, "CODE_HOST_FAILED")) throw error;
    ports.log.warn({ incident: incident.id, run: runId, suite: suiteId, err: error.message }, "failure logs unavailable; continuing without evidence");
    return { evidence: [], diagnosis: null };
  }
};

/** A failed deploy → one rollback pull request (or one incident issue when a PR is not safe), step by step. */
export const rollBackDeploy = async (sensed: Extract<SenseResult, { kind: "signal" }>, ctx: RollbackContext, ports: RollbackPorts): Promise<RollbackOutcome> => {
  // 1. sense: the incident, keyed on facts only
  const incident = openIncident(sensed.signal);
  const repo = incident.key.repo;
  const failing = incident.key.sha ?? "";
  const id = incident.id;
  // the emergency stop: nothing is read or written, not even an incident issue
  if (ctx.config.kill_switch) return { kind: "ignored", incidentId: id, reason: "kill_switch is on in .github/agenticops.yml" };
  const mode = effectiveMode(ctx.config, ROLLBACK_RUNBOOK);
  let diagnosis: Diagnosis | null = null;
  const report = async (reason: string, evidence: Evidence[], handoff?: Parameters<typeof reportIncident>[3]): Promise<RollbackOutcome> => {
    const issue = await reportIncident(ports.host, { incident, config: ctx.config, dryRun: ctx.dryRun }, evidence, handoff, diagnosis);
    return { kind: "issue", incidentId: id, reason, issue: issue.number };
  };
  // 2. a rollback already proposed, or refused by a human, is never proposed again
  const existing = await checkExistingRollback(ports.publisher, repo, branchFor(incident));
  if (existing) return { kind: "ignored", incidentId: id, reason: existing };
  // 3. plan: what "last good" is, and whether the failure is still current
  const lastGood = await resolveLastGood(ports.history, repo, sensed.subject, { sha: failing, branch: sensed.signal.ref ?? sensed.defaultBranch, environment: incident.key.environment });
  if (lastGood.kind === "stale") return { kind: "ignored", incidentId: id, reason: lastGood.reason };
  // the range first: suspects are ranked against its commits
  const comparison = lastGood.kind === "last-good" && mode !== "observe" ? await ports.history.compare(repo, lastGood.sha, failing) : null;
  const diagnosed = await diagnoseIncident(ports, ctx, incident, sensed.subject, comparison);
  const { evidence } = diagnosed;
  diagnosis = diagnosed.diagnosis;
  if (mode === "observe") {
    return report("observe mode", evidence, {
      heading: "Why there is no rollback pull request",
      detail:
        ctx.config.mode === "observe"
          ? "The repository is in observe mode: the bot diagnoses and reports, it opens no branches or pull requests. Set `mode: assist` in `.github/agenticops.yml` to get rollback pull requests for review."
          : `The ${ROLLBACK_RUNBOOK} runbook is in observe mode (\`runbooks.${ROLLBACK_RUNBOOK}.mode\` in \`.github/agenticops.yml\`): the bot diagnoses and reports, it opens no branches or pull requests.`,
      commands: [],
    });
  }
  if (lastGood.kind === "none") return report(lastGood.reason, evidence, { heading: "Why there is no rollback pull request", detail: `Nothing to roll back to: ${lastGood.reason}.`, commands: [] });
  if (!comparison) return report("no comparison", evidence, { heading: "Why there is no rollback pull request", detail: `GitHub could not compare ${lastGood.sha.slice(0, 7)} with ${failing.slice(0, 7)}.`, commands: [] });
  const plan = await planRollback(ports.publisher, { incident, repo, config: ctx.config, environment: incident.key.environment, lastGood: lastGood.sha, failing, base: sensed.defaultBranch, comparison });
  const targets = firstParentChain(comparison.commits, failing).map((c) => ({ sha: c.sha, parents: c.parents.length }));
  const handTo = (detail: string) => ({ heading: "Why there is no rollback pull request", detail, commands: revertCommands(branchFor(incident), sensed.defaultBranch, targets) });
  if (plan.kind === "handoff") return report(plan.reason, evidence, handTo(`The bot did not open a pull request: ${plan.detail}.`));
  // 4. gate: the concrete change, before anything is written
  const rangeFiles = touchedPaths(comparison);
  const { decision, stopped } = await gateRollback(ports, ctx, { incident, proposal: plan.proposal, rangeFiles, branchPrefix: BRANCH_PREFIX });
  ports.log.info({ incident: id, action: plan.proposal.action, verdict: decision.verdict, rules: summarizeDecision(decision) }, "policy decision");
  if (stopped) return { kind: "ignored", incidentId: id, reason: "a kill switch label is set on an open issue or pull request" };
  if (decision.verdict === "deny") {
    const reasons = decision.rules.filter((r) => r.verdict === "deny").map((r) => `${r.rule}: ${r.reason}`);
    return report("denied", evidence, handTo(`The policy gate denied the rollback (${reasons.join("; ")}).`));
  }
  if (ctx.dryRun) return { kind: "ignored", incidentId: id, reason: "dry run: the pull request was planned, not written" };
  // 5. act: one commit on the incident's branch (the branch is the lock), then the pull request
  const pr = renderRollbackPr({ incident, plan, decision, evidence, range: comparison.commits, lastGood, diagnosis });
  const message = formatCommitMessage(rollbackCommitSubject(plan, incident, lastGood.sha), plan.proposal.description.join("\n"), {
    incident: id,
    action: plan.proposal.action,
    runbook: plan.proposal.runbookId ?? "none",
    policy: summarizeDecision(decision),
  });
  // found by sha: GitHub lists a range by date, so the head is not necessarily the last entry
  const failingCommit = comparison.commits.find((c) => c.sha === failing);
  const failingTree = { sha: failing, tree: failingCommit?.tree ?? "" };
  // owners are looked up while the change is built and pushed
  const reviewers = lookUpReviewers(ports, repo, plan.proposal.changes.map((c) => c.path), ctx.bot.login);
  const published = await publishRollback(plan, { repo, branch: branchFor(incident), base: sensed.defaultBranch, failing: failingTree, message, author: ctx.bot, clone: ctx.clone }, ports);
  if (published.kind === "exists") return adoptOrphanBranch(ports, { repo, incident, pr, base: sensed.defaultBranch, labels: prLabels(ctx, incident), reviewers });
  if (published.kind === "conflict") {
    return report("revert-conflict", evidence, handTo(`Reverting ${published.commit.slice(0, 7)} conflicts with later changes in ${published.files.map((f) => `\`${f}\``).join(", ")}; a human has to resolve it.`));
  }
  if (published.kind === "empty") return report("revert-empty", evidence, handTo("Reverting the range changes nothing on the default branch: it looks reverted already."));
  const number = await openRollbackPr(ports, { repo, incident, title: pr.title, body: pr.body, head: branchFor(incident), base: sensed.defaultBranch, labels: prLabels(ctx, incident), reviewers });
  // the decision, visible on the bot's commit as the `agenticops/policy` check run
  await publishPolicyCheck(ports, { repo, decision, proposal: plan.proposal, sha: published.sha, mode });
  // 6. verify happens on the next deploy of this environment
  return { kind: "pull-request", incidentId: id, number, action: plan.proposal.action };
};
