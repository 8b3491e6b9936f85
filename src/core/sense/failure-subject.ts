import type { DeployTarget } from "../../schemas/repo-config.js";
import type { Signal } from "../../schemas/signal.js";

/** What failed, with the ids the planner needs to look up history and logs. */
export type FailureSubject =
  | { kind: "workflow-run"; runId: number; runNumber: number; workflowId: number; pullRequests: number[] }
  | { kind: "deployment"; deploymentId: number; runId: number | null }
  | { kind: "check-suite"; suiteId: number };

/** A payload timestamp as ISO 8601, or null when it is not one (payload text is not trusted). */
export const isoOrNull = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
};

export type SenseResult =
  | { kind: "signal"; signal: Signal; deploy: DeployTarget | null; subject: FailureSubject; defaultBranch: string }
  | { kind: "ignored"; reason: string };
