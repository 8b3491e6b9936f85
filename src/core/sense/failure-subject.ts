import type { DeployTarget } from "../../schemas/repo-config.js";
import type { Signal } from "../../schemas/signal.js";

/** What failed, with the ids the planner needs to look up history and logs. */
export type FailureSubject =
  | { kind: "workflow-run"; runId: number; runNumber: number; workflowId: number; pullRequests: number[] }
  | { kind: "deployment"; deploymentId: number; runId: number | null }
  | { kind: "check-suite"; suiteId: number };

export type SenseResult =
  | { kind: "signal"; signal: Signal; deploy: DeployTarget | null; subject: FailureSubject; defaultBranch: string }
  | { kind: "ignored"; reason: string };
