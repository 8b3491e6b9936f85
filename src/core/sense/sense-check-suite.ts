import type { CheckSuiteEvent } from "../../schemas/check-suite-event.js";
import { isoOrNull, type SenseResult } from "./failure-subject.js";

const FAILED = new Set(["failure", "timed_out"]);

/**
 * A failed check suite on the default branch means main is broken: a rollback (revert) candidate.
 * Suites on other branches are ordinary CI; Actions suites arrive as workflow_run events too, so
 * only suites of other CI apps are handled here.
 */
export const senseCheckSuite = (event: CheckSuiteEvent, meta: { deliveryId: string; receivedAt: string }): SenseResult => {
  const suite = event.check_suite;
  if (event.action !== "completed") return { kind: "ignored", reason: `action ${event.action} is not completed` };
  if (!suite.conclusion || !FAILED.has(suite.conclusion)) return { kind: "ignored", reason: `conclusion ${suite.conclusion ?? "none"} is not a failure` };
  if (suite.app?.slug === "github-actions") return { kind: "ignored", reason: "GitHub Actions suites are handled through workflow_run" };
  if (suite.head_branch !== event.repository.default_branch) return { kind: "ignored", reason: `branch ${suite.head_branch ?? "none"} is not the default branch` };
  const appName = suite.app?.name ?? "checks";
  return {
    kind: "signal",
    signal: {
      source: "github",
      kind: "check_failed",
      deliveryId: meta.deliveryId,
      receivedAt: meta.receivedAt,
      occurredAt: isoOrNull(suite.updated_at ?? suite.created_at),
      repo: { owner: event.repository.owner.login, name: event.repository.name },
      environment: null,
      workflow: appName,
      sha: suite.head_sha,
      ref: suite.head_branch,
      subjectId: String(suite.id),
      url: `${event.repository.html_url}/commit/${suite.head_sha}/checks`,
      labels: { conclusion: suite.conclusion },
    },
    deploy: null,
    subject: { kind: "check-suite", suiteId: suite.id },
    defaultBranch: event.repository.default_branch,
  };
};
