import type { Context } from "probot";
import { WorkflowRunEvent } from "../schemas/workflow-run-event.js";
import { respondToFailedRun } from "../core/respond-to-failed-run.js";
import { isAgenticOpsError } from "../core/model/agenticops-error.js";
import { octokitCodeHost } from "../adapters/github/octokit-code-host.js";
import { loadRepoConfig } from "./load-repo-config.js";
import type { AppOptions } from "./app-options.js";

/** `workflow_run.completed`: parse, load the repo's opt-in config, run the control loop. */
export const handleWorkflowRun = (options: AppOptions) => async (context: Context<"workflow_run.completed">) => {
  const log = context.log.child({ delivery: context.id, event: "workflow_run" });
  const parsed = WorkflowRunEvent.safeParse(context.payload);
  if (!parsed.success) {
    log.warn({ issues: parsed.error.issues.slice(0, 5) }, "workflow_run payload not understood; ignored");
    return;
  }
  try {
    const config = await loadRepoConfig(context);
    if (!config) {
      log.debug({}, "repository has no .github/agenticops.yml; ignored");
      return;
    }
    const outcome = await respondToFailedRun(
      parsed.data,
      config,
      { deliveryId: context.id, receivedAt: options.clock.now().toISOString(), dryRun: options.dryRun },
      { host: octokitCodeHost(context.octokit), log },
    );
    log.info({ outcome: outcome.kind }, "workflow_run handled");
  } catch (error) {
    if (isAgenticOpsError(error, "CONFIG_INVALID")) {
      log.error({ err: error, details: error.details }, "repository config invalid; nothing done");
      return;
    }
    throw error;
  }
};
