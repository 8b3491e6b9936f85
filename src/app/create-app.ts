import type { ApplicationFunction } from "probot";
import type { AppOptions, AppOptionsInput } from "./app-options.js";
import { DeliveryGuard } from "./delivery-guard.js";
import { lazyDiagnosisKit } from "./diagnosis-kit.js";
import { handleCheckSuite } from "./handle-check-suite.js";
import { handleDeploymentStatus } from "./handle-deployment-status.js";
import { handleIssueComment } from "./handle-issue-comment.js";
import { handleWorkflowRun } from "./handle-workflow-run.js";
import { handlePush } from "./handle-push.js";
import { lazyOrganisationPolicies } from "./organisation-policies.js";
import { handleHeadChecks, handlePullRequestEvent, handlePullRequestReview } from "./handle-governance.js";
import { wireAlerts } from "./alerts/wire-alerts.js";

/** The Probot app: wires handlers to events, nothing else. */
export const createApp =
  (input: AppOptionsInput): ApplicationFunction =>
  async (app, { addHandler }) => {
    // one guard per app instance: duplicate deliveries and concurrent work are per process
    const options: AppOptions = { ...input, guard: input.guard ?? new DeliveryGuard() };
    // Started without a diagnosis kit (tests): build one from the environment before the first
    // event. If that fails, handlers run without it and the next event tries again.
    const buildKit = input.diagnosis ? null : lazyDiagnosisKit(process.env);
    // Started without policies (tests, drills): the bundled ones, loaded before the first event.
    const loadPolicies = input.policies ? null : lazyOrganisationPolicies(app.log);
    const withPolicies =
      <C>(handler: (context: C) => Promise<void>) =>
      async (context: C): Promise<void> => {
        if (loadPolicies && !options.policies) options.policies = await loadPolicies();
        return handler(context);
      };
    const withKit =
      <C>(handler: (context: C) => Promise<void>) =>
      async (context: C): Promise<void> => {
        if (loadPolicies && !options.policies) options.policies = await loadPolicies();
        if (buildKit && !options.diagnosis) {
          options.diagnosis = await buildKit().catch((error: unknown) => {
            app.log.error({ err: error }, "diagnosis kit could not be built; diagnosing without it");
            return undefined;
          });
        }
        return handler(context);
      };
    app.on("workflow_run.completed", withKit(handleWorkflowRun(options)));
    app.on("deployment_status.created", withKit(handleDeploymentStatus(options)));
    app.on("check_suite.completed", withKit(handleCheckSuite(options)));
    app.on("push", handlePush(options));
    app.on("issue_comment.created", withKit(handleIssueComment(options)));
    // governance of the bot's own pull requests: reviews, overrides, and merging in automate mode
    // (policies for their kill-switch labels; no diagnosis kit needed)
    app.on(["pull_request_review.submitted", "pull_request_review.dismissed"], withPolicies(handlePullRequestReview(options)));
    app.on(["pull_request.closed", "pull_request.labeled", "pull_request.unlabeled"], withPolicies(handlePullRequestEvent(options)));
    app.on(["check_run.completed", "check_suite.completed", "status"], withPolicies(handleHeadChecks(options)));
    await wireAlerts(app, addHandler, options.alerts, {
      clock: options.clock,
      dryRun: options.dryRun,
      remediation: {
        ...(options.app ? { app: options.app } : {}),
        ...(options.workspace ? { workspace: options.workspace } : {}),
        // no policies: the gate denies every action (fail closed)
        policies: async () => {
          if (loadPolicies && !options.policies) options.policies = await loadPolicies();
          return options.policies ?? { policies: [] };
        },
      },
    });
  };
