import type { Context } from "probot";
import { DeploymentStatusEvent } from "../schemas/deployment-status-event.js";
import { senseDeploymentStatus } from "../core/sense/sense-deployment-status.js";
import type { AppOptions } from "./app-options.js";
import { handleFailure } from "./handle-failure.js";

/** `deployment_status.created` with state failure/error: the environment's deploy failed. */
export const handleDeploymentStatus = (options: AppOptions) => async (context: Context<"deployment_status.created">) => {
  const parsed = DeploymentStatusEvent.safeParse(context.payload);
  if (!parsed.success) {
    context.log.warn({ delivery: context.id, issues: parsed.error.issues.slice(0, 5) }, "deployment_status payload not understood; ignored");
    return;
  }
  await handleFailure(context, options, (config, meta) => senseDeploymentStatus(parsed.data, config, meta));
};
