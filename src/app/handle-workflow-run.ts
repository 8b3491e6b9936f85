import type { Context } from "probot";
import { WorkflowRunEvent } from "../schemas/workflow-run-event.js";
import { respondToFailedRun } from "../core/respond-to-failed-run.js";
import { senseWorkflowRun } from "../core/sense/sense-workflow-run.js";
import { octokitCodeHost } from "../adapters/github/octokit-code-host.js";
import { octokitDeployHistory } from "../adapters/github/octokit-deploy-history.js";
import type { AppOptions } from "./app-options.js";
import { handleFailure } from "./handle-failure.js";
import { kitMissing } from "./diagnosis-kit.js";
import { octokitChangePublisher } from "../adapters/github/octokit-change-publisher.js";
import { repositoryRunbooks } from "./runbook-catalog.js";

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
      const repo = { owner: event.repository.owner.login, name: event.repository.name };
      const remediation = {
        publisher: octokitChangePublisher(context.octokit, options.app ? { appId: options.app.id } : {}),
        clock: options.clock,
        runbooks: () => repositoryRunbooks(context.octokit, repo, event.repository.default_branch, log),
        // no policies: the gate denies every action (fail closed)
        policies: options.policies ?? { policies: [] },
      };
      const outcome = await respondToFailedRun(event, config, meta, { host: octokitCodeHost(context.octokit), log, kit: options.diagnosis, history: octokitDeployHistory(context.octokit), remediation });
      return outcome.kind;
    },
  );
};
