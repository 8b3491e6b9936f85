import type { ChangePublisher } from "../../ports/change-publisher.js";
import type { Clock } from "../../ports/clock.js";
import type { CodeHost } from "../../ports/code-host.js";
import type { Logger } from "../../ports/logger.js";
import type { Diagnosis } from "../../schemas/diagnosis.js";
import type { RepoConfig } from "../../schemas/repo-config.js";
import type { Runbook } from "../../schemas/runbook.js";
import { RunbookFacts } from "../../schemas/runbook-facts.js";
import type { RepoRef } from "../../schemas/signal.js";
import { isAgenticOpsError } from "../model/agenticops-error.js";
import { BOT_BRANCH_PREFIX } from "../act/bot-pull-request.js";
import { summarizeDecision } from "../gate/evaluate-policies.js";
import { gateProposals } from "../gate/gate-rollback.js";
import type { PolicySet } from "../gate/policy-set.js";
import { matchRunbooks } from "../plan/runbooks/match-runbooks.js";
import { planMatchingRunbooks } from "../plan/runbooks/plan-matching-runbooks.js";

export interface RerunPorts {
  host: CodeHost;
  publisher: ChangePublisher;
  log: Logger;
  clock: Clock;
}

export interface RerunInput {
  repo: RepoRef;
  run: { id: number; attempt: number; workflow: string };
  diagnosis: Diagnosis;
  config: RepoConfig;
  /** the CI incident the diagnosis comment is keyed by */
  incidentId: string;
  dryRun: boolean;
  runbooks: readonly Runbook[];
  policies: PolicySet;
}

/** What happened, in one sentence for the diagnosis comment; null when no runbook applies to this failure. */
export type RerunOutcome = { kind: "rerun" | "held" | "skipped"; runbook: string | null; note: string } | null;

const NO_FILES = { read: async () => null };

/**
 * Runbooks for a CI failure that is not a deploy: in practice the flaky-test re-run. Planned on
 * the diagnosis (never on log text), judged by the gate like any action, and carried out only
 * when allowed. Attempts after the first count as steps taken, so "re-run once" holds across
 * deliveries: GitHub's run_attempt is the state.
 */
export const rerunFlakyRun = async (input: RerunInput, ports: RerunPorts): Promise<RerunOutcome> => {
  const facts = RunbookFacts.parse({
    incident_id: input.incidentId,
    signal: "ci-failure",
    workflow: input.run.workflow,
    cause: input.diagnosis.cause,
    run_id: input.run.id,
    now: ports.clock.now().toISOString(),
    history: Object.fromEntries(input.runbooks.map((r) => [r.id, { steps_taken: Math.max(0, input.run.attempt - 1), last_verification: input.run.attempt > 1 ? "failed" : null }])),
  });
  const matches = matchRunbooks(input.runbooks, facts).filter((m) => m.matches);
  if (matches.length === 0) return null;
  const choice = await planMatchingRunbooks(matches, facts, NO_FILES);
  if (choice.kind === "none") {
    const [first] = choice.attempts;
    const why = first?.result.kind === "skipped" ? first.result.reason : "it cannot be planned for this run";
    return { kind: "skipped", runbook: first?.runbook.id ?? null, note: `Runbook \`${first?.runbook.id ?? "?"}\` did not act: ${why}.` };
  }
  const { runbook, plan } = choice;
  const call = plan.proposals.find((p) => p.call?.kind === "rerun-failed-jobs");
  if (!call || plan.proposals.length !== 1 || !ports.host.rerunFailedJobs) return { kind: "skipped", runbook: runbook.id, note: `Runbook \`${runbook.id}\` planned an action the CI path does not carry out.` };
  const subject = { repo: input.repo, incidentId: input.incidentId, environment: null, signal: "workflow_failed" as const };
  const gated = await gateProposals(ports, { policies: input.policies, config: input.config }, { subject, proposals: [call], rangeFiles: null, branchPrefix: BOT_BRANCH_PREFIX });
  const [decision] = gated.decisions;
  if (!decision) return null;
  ports.log.info({ incident: input.incidentId, runbook: runbook.id, verdict: decision.verdict, rules: summarizeDecision(decision) }, "policy decision");
  if (gated.stopped) return { kind: "held", runbook: runbook.id, note: "A kill switch is on: the bot did not re-run the failed jobs." };
  if (decision.verdict !== "allow") {
    const reasons = decision.rules.filter((r) => r.verdict === decision.verdict).map((r) => `${r.rule.replace(/@.*/, "")}: ${r.reason}`);
    return { kind: "held", runbook: runbook.id, note: `The failure looks flaky, but the policy gate said ${decision.verdict} to re-running it (${reasons.join("; ")}).` };
  }
  if (input.dryRun) return { kind: "held", runbook: runbook.id, note: "Dry run: the failed jobs would have been re-run." };
  try {
    await ports.host.rerunFailedJobs(input.repo, input.run.id);
  } catch (error) {
    if (!isAgenticOpsError(error, "CODE_HOST_FAILED") || error.details["status"] !== 403) throw error;
    ports.log.warn({ incident: input.incidentId, run: input.run.id }, "re-run refused: the installation lacks actions: write");
    return { kind: "held", runbook: runbook.id, note: "The failure looks flaky, but GitHub refused the re-run: the app's installation lacks the actions: write permission. Re-run the failed jobs by hand." };
  }
  return { kind: "rerun", runbook: runbook.id, note: `The failure looks flaky: the bot re-ran the failed jobs once (runbook \`${runbook.id}\`, policy ${decision.verdict}). If attempt ${input.run.attempt + 1} fails too, the failure is probably real.` };
};
