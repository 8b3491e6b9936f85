import type { PolicyDecision } from "../../schemas/policy-decision.js";
import type { RunbookAttempt } from "../plan/runbooks/plan-matching-runbooks.js";
import { renderMarker } from "./hidden-marker.js";
import { code } from "./markdown.js";
import { cell } from "./render-alert-table.js";
import { renderPolicy } from "./render-rollback-pr.js";

export type RemediationReport =
  /** a runbook planned a change and the gate denied it */
  | { kind: "denied"; runbook: string; changes: string[]; decision: PolicyDecision }
  /** runbooks matched but none could plan (a precondition, a bound in the runbook, a missing file) */
  | { kind: "not-planned"; attempts: RunbookAttempt[] }
  /** the change was planned and allowed, but could not be made (a conflict, an empty revert) */
  | { kind: "not-applied"; runbook: string; reason: string };

const attemptLine = (a: RunbookAttempt): string => {
  const why = a.result.kind === "skipped" ? a.result.reason : a.result.kind === "invalid" ? `invalid for these facts: ${a.result.problems.join("; ")}` : "planned";
  return `- ${code(a.runbook.id)}: ${cell(why, 300)}`;
};

/** A stable key for what a report says, so the same report is posted once per incident and step. */
export const reportKey = (report: RemediationReport): string =>
  report.kind === "denied" ? `denied:${report.runbook}` : report.kind === "not-applied" ? `not-applied:${report.runbook}` : `not-planned:${report.attempts.map((a) => a.runbook.id).join(",")}`;

/** The comment on the incident that says what the bot would have done and why it did not. */
export const renderRemediationReport = (report: RemediationReport, marker: { incident: string; step: number }): string => {
  const hidden = renderMarker({ incident: marker.incident, kind: "remediation-report", step: marker.step, runbook: reportKey(report) });
  if (report.kind === "denied") {
    return [
      `### Remediation denied by policy`,
      `Runbook ${code(report.runbook)} planned this change; the policy gate denied it, so nothing was written. A human decides what to do.`,
      report.changes.map((c) => `- ${c}`).join("\n"),
      renderPolicy(report.decision),
      hidden,
    ].join("\n\n");
  }
  if (report.kind === "not-applied") {
    return [`### Remediation not applied`, `Runbook ${code(report.runbook)} was allowed, but the change could not be made: ${cell(report.reason, 500)}. A human has to take over.`, hidden].join("\n\n");
  }
  return [`### No runbook could act`, "These runbooks match the alert, but none applies as things are:", report.attempts.map(attemptLine).join("\n"), hidden].join("\n\n");
};
