import { z } from "zod";
import type { ActionModule } from "./action-module.js";

export const RerunFailedJobsParams = z.strictObject({
  /** the workflow run whose failed jobs run again */
  run_id: z.number().int().positive(),
});
export type RerunFailedJobsParams = z.infer<typeof RerunFailedJobsParams>;

/** Re-runs the failed jobs of a workflow run (flaky tests, runner hiccups); changes no file. */
export const rerunFailedJobs: ActionModule<RerunFailedJobsParams> = {
  kind: "rerun-failed-jobs",
  params: RerunFailedJobsParams,
  risk: "low",
  effect: "api",
  plan: async (params) => ({
    kind: "planned",
    changes: [],
    quantities: [],
    call: { kind: "rerun-failed-jobs", target: String(params.run_id) },
    description: [`Re-run the failed jobs of workflow run ${params.run_id}.`],
    inverse: { action: null, description: "Nothing to undo: a re-run changes no code or configuration; cancel the run if it should not finish." },
  }),
};
