import type { ApplicationFunction } from "probot";
import type { AppOptionsInput } from "./app-options.js";
import { DeliveryGuard } from "./delivery-guard.js";
import { handleCheckSuite } from "./handle-check-suite.js";
import { handleDeploymentStatus } from "./handle-deployment-status.js";
import { handleWorkflowRun } from "./handle-workflow-run.js";
import { handlePush } from "./handle-push.js";

/** The Probot app: wires handlers to events, nothing else. */
export const createApp =
  (input: AppOptionsInput): ApplicationFunction =>
  (app) => {
    // one guard per app instance: duplicate deliveries and concurrent work are per process
    const options = { ...input, guard: input.guard ?? new DeliveryGuard() };
    app.on("workflow_run.completed", handleWorkflowRun(options));
    app.on("deployment_status.created", handleDeploymentStatus(options));
    app.on("check_suite.completed", handleCheckSuite(options));
    app.on("push", handlePush(options));
  };
