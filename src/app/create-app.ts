import type { ApplicationFunction } from "probot";
import type { AppOptions } from "./app-options.js";
import { handleWorkflowRun } from "./handle-workflow-run.js";

/** The Probot app: wires handlers to events, nothing else. */
export const createApp =
  (options: AppOptions): ApplicationFunction =>
  (app) => {
    app.on("workflow_run.completed", handleWorkflowRun(options));
  };
