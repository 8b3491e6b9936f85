import type { CodeHost } from "../ports/code-host.js";
import type { DeployHistory } from "../ports/deploy-history.js";
import { findSuspectCommits, type FailingRun } from "./diagnose/find-suspect-commits.js";
import type { CommentTarget } from "../ports/comment-host.js";
import type { Logger } from "../ports/logger.js";
import type { RepoConfig } from "../schemas/repo-config.js";
import type { RepoRef } from "../schemas/signal.js";
import type { WorkflowRunEvent } from "../schemas/workflow-run-event.js";
import { senseWorkflowRun } from "./sense/sense-workflow-run.js";
import { incidentFingerprint } from "./model/incident-fingerprint.js";
import { diagnoseRun, type DiagnosisKit } from "./diagnose/diagnose-run.js";
import { repoDiagnosisInputs } from "./diagnose/repo-diagnosis-inputs.js";
import { renderDiagnosisComment, renderSummaryLine } from "./render/render-diagnosis-comment.js";
import { ensureComment, type EnsureCommentResult } from "./act/ensure-comment.js";
import { rerunFlakyRun, type RerunOutcome } from "./remediate/rerun-flaky-run.js";
import type { ChangePublisher } from "../ports/change-publisher.js";
import type { Clock } from "../ports/clock.js";
import type { Runbook } from "../schemas/runbook.js";
import type { PolicySet } from "./gate/policy-set.js";

export interface FailedRunPorts {
  host: CodeHost;
  log: Logger;
  kit: DiagnosisKit;
  /**
   * When given, suspects are ranked: a pull request's own commits, or a branch build's commits
   * since the workflow's last success there (see findSuspectCommits).
   */
  history?: DeployHistory;
  /** When given, runbooks for CI failures (the flaky re-run) are planned, gated and carried out. */
  remediation?: { publisher: ChangePublisher; clock: Clock; runbooks: () => Promise<readonly Runbook[]>; policies: PolicySet };
}

/** The run as suspect ranking needs it. */
const failingRun = (run: WorkflowRunEvent["workflow_run"]): FailingRun => ({
  id: run.id,
  runNumber: run.run_number,
  workflowId: run.workflow_id,
  headSha: run.head_sha,
  headBranch: run.head_branch,
  event: run.event,
  pullRequests: run.pull_requests.map((p) => ({ number: p.number, baseSha: p.base?.sha ?? null })),
});

export type FailedRunOutcome =
  | { kind: "ignored"; reason: string }
  | { kind: "reported"; comments: EnsureCommentResult[]; action?: RerunOutcome };

const FOOTER = "Posted by AgenticOps, an automated bot. A re-run of this workflow updates this comment.";

/**
 * Where the diagnosis of a run goes, each with the fingerprint its comment is found by: every pull
 * request the run belongs to, else the run's commit. The key is the workflow and the pull request
 * or branch, never the attempt or the SHA, so a re-run edits the same comment.
 */
export const diagnosisTargets = (repo: RepoRef, run: WorkflowRunEvent["workflow_run"]): Array<{ target: CommentTarget; incident: string }> => {
  const key = (group: string) => incidentFingerprint({ repo, kind: "workflow_failed", environment: null, workflow: run.path, sha: null, group });
  if (run.pull_requests.length > 0) {
    return run.pull_requests.map((p) => ({ target: { kind: "issue", number: p.number }, incident: key(`pull/${p.number}`) }));
  }
  return [{ target: { kind: "commit", sha: run.head_sha }, incident: key(`branch/${run.head_branch ?? run.head_sha}`) }];
};

/**
 * The control loop for an ordinary (non-deploy) failed workflow run, one step per line: sense it,
 * diagnose its failed jobs' logs, and keep one diagnosis comment per pull request (or on the commit).
 */
export const respondToFailedRun = async (
  event: WorkflowRunEvent,
  config: RepoConfig,
  meta: { deliveryId: string; receivedAt: string; dryRun: boolean },
  ports: FailedRunPorts,
): Promise<FailedRunOutcome> => {
  // 1. sense
  const sensed = senseWorkflowRun(event, config, meta);
  if (sensed.kind === "ignored") return sensed;
  if (sensed.deploy) return { kind: "ignored", reason: "a failed deploy is handled by the rollback path" };
  const repo = sensed.signal.repo;
  const run = event.workflow_run;
  // 2. diagnose, with the repository's own signatures and past incidents (never its targets' own)
  const targets = diagnosisTargets(repo, run);
  const inputs = await repoDiagnosisInputs(ports.host, ports.kit, repo, config, {
    excludeIncidents: targets.map((t) => t.incident),
    excludeNumbers: run.pull_requests.map((p) => p.number),
    log: ports.log,
  });
  const suspects = ports.history ? await findSuspectCommits(ports.history, repo, failingRun(run), ports.log) : null;
  const diagnosis = await diagnoseRun(ports.host, inputs.kit, repo, run.id, { knowledge: inputs.knowledge, commits: suspects?.commits, suspectRange: suspects?.range });
  ports.log.info({ run: run.id, cause: diagnosis.cause, confidence: diagnosis.confidence, method: diagnosis.method }, "run diagnosed");
  // 3–5. plan, gate, act: a runbook for the diagnosed cause (a flaky re-run), then the comment, which needs no approval
  const workflow = sensed.signal.workflow ?? run.path;
  const [primary] = targets;
  const remediation = ports.remediation;
  const action =
    remediation && primary
      ? await rerunFlakyRun(
          { repo, run: { id: run.id, attempt: run.run_attempt ?? 1, workflow }, diagnosis, config, incidentId: primary.incident, dryRun: meta.dryRun, runbooks: await remediation.runbooks(), policies: remediation.policies },
          { host: ports.host, publisher: remediation.publisher, log: ports.log, clock: remediation.clock },
        )
      : null;
  const facts = { workflow, url: run.html_url, headSha: run.head_sha, headBranch: run.head_branch };
  const summary = [renderSummaryLine(facts, diagnosis), ...(action ? [`**${action.note}**`] : []), ...inputs.notes.map((n) => `_${n}_`)].join("\n\n");
  const comments: EnsureCommentResult[] = [];
  for (const { target, incident } of targets) {
    const marker = { incident, kind: "diagnosis-comment" as const };
    const body = renderDiagnosisComment({ summary, diagnosis, marker, footer: FOOTER });
    const result = await ensureComment(ports.host, repo, target, marker, body, meta.dryRun);
    ports.log.info({ incident, target, result: result.kind, dryRun: meta.dryRun }, "diagnosis comment ensured");
    comments.push(result);
  }
  return { kind: "reported", comments, ...(action ? { action } : {}) };
};
