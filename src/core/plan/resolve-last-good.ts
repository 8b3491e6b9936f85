import type { DeployHistory } from "../../ports/deploy-history.js";
import type { RepoRef } from "../../schemas/signal.js";
import type { FailureSubject } from "../sense/failure-subject.js";
import { lastGoodFromDeployments, lastGoodFromRuns, type LastGood } from "./find-last-good.js";

const DEPLOYMENT_PAGE = 30;

/**
 * "Last good" from the record that produced the failure: the environment's deployments for a
 * deployment status, the deploy workflow's runs on its branch for a workflow run.
 */
export const resolveLastGood = async (
  history: DeployHistory,
  repo: RepoRef,
  subject: FailureSubject,
  failing: { sha: string; branch: string; environment: string | null },
): Promise<LastGood> => {
  if (subject.kind === "workflow-run") {
    const runs = await history.listWorkflowRuns(repo, subject.workflowId, failing.branch);
    const fromRuns = lastGoodFromRuns(runs, { id: subject.runId, runNumber: subject.runNumber, headSha: failing.sha });
    if (fromRuns.kind !== "none" || !failing.environment) return fromRuns;
    // No earlier green run (new workflow, runs expired): the environment's deployments may know.
    const deployments = await history.listDeployments(repo, failing.environment, DEPLOYMENT_PAGE);
    const fromDeployments = lastGoodFromDeployments(deployments, { id: null, sha: failing.sha });
    return fromDeployments.kind === "last-good" ? fromDeployments : fromRuns;
  }
  if (subject.kind === "deployment" && failing.environment) {
    const deployments = await history.listDeployments(repo, failing.environment, DEPLOYMENT_PAGE);
    return lastGoodFromDeployments(deployments, { id: subject.deploymentId, sha: failing.sha });
  }
  return { kind: "none", reason: "a failed check suite does not say which version was good before it" };
};
