import type { Context } from "probot";
import { WorkflowRunEvent } from "../schemas/workflow-run-event.js";
import { respondToFailedRun } from "../core/respond-to-failed-run.js";
import { senseWorkflowRun } from "../core/sense/sense-workflow-run.js";
import { octokitCodeHost } from "../adapters/github/octokit-code-host.js";
import { octokitDeployHistory } from "../adapters/github/octokit-deploy-history.js";
import type { AppOptions } from "./app-options.js";
import { handleFailure } from "./handle-failure.js";
import { kitMissing } from "./diagnosis-kit.js";

/** `workflow_run.completed`: a failed deploy workflow is rolled back; other failures get a diagnosis comment. */
export const handleWorkflowRun = (options: AppOptions) => async (context: Context<"workflow_run.completed">) => {
  const parsed = WorkflowRunEvent.safeParse(context.payload);
  if (!parsed.success) {
    context.log.warn({ delivery: context.id, issues: parsed.error.issues.slice(0, 5) }, "workflow_run payload not understood; ignored");
    return;
  }
  const event = parsed.data;
  await handleFailure(
    context,
    options,
    (config, meta) => senseWorkflowRun(event, config, meta),
    async (config) => {
      const log = context.log.child({ delivery: context.id, event: "workflow_run" });
      const meta = { deliveryId: context.id, receivedAt: options.clock.now().toISOString(), dryRun: options.dryRun };
      if (!options.diagnosis) throw kitMissing();
      const outcome = await respondToFailedRun(event, config, meta, { host: octokitCodeHost(context.octokit), log, kit: options.diagnosis, history: octokitDeployHistory(context.octokit) });
      return outcome.kind;
    },
  );
};
