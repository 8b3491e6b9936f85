import type { Context } from "probot";
import type { RepoConfig } from "../schemas/repo-config.js";
import type { SenseResult } from "../core/sense/failure-subject.js";
import { openIncident } from "../core/sense/open-incident.js";
import { rollBackDeploy } from "../core/roll-back-deploy.js";
import { isAgenticOpsError } from "../core/model/agenticops-error.js";
import { loadRepoConfig } from "./load-repo-config.js";
import { rollbackPorts } from "./rollback-ports.js";
import type { AppOptions } from "./app-options.js";

type Sense = (config: RepoConfig, meta: { deliveryId: string; receivedAt: string }) => SenseResult;
type NonDeploy = (config: RepoConfig) => Promise<string>;

/**
 * The shape every failure handler shares: drop repeated deliveries, load the opt-in config,
 * sense, then roll back a deploy (one run per incident at a time) or report an ordinary failure.
 */
export const handleFailure = async (context: Context, options: AppOptions, sense: Sense, nonDeploy?: NonDeploy): Promise<void> => {
  const { guard } = options;
  const log = context.log.child({ delivery: context.id, event: context.name });
  if (!guard.firstDelivery(context.id)) {
    log.info({}, "delivery already handled; ignored");
    return;
  }
  try {
    const config = await loadRepoConfig(context);
    if (!config) {
      log.debug({}, "repository has no .github/agenticops.yml; ignored");
      return;
    }
    if (config.kill_switch) {
      log.info({}, "kill_switch is on in .github/agenticops.yml; nothing done");
      return;
    }
    const sensed = sense(config, { deliveryId: context.id, receivedAt: options.clock.now().toISOString() });
    if (sensed.kind === "ignored") {
      log.debug({ reason: sensed.reason }, "not a failure to act on");
      return;
    }
    if (!sensed.deploy && sensed.signal.kind !== "check_failed") {
      const outcome = nonDeploy ? await nonDeploy(config) : "no handler";
      log.info({ outcome }, "failure reported");
      return;
    }
    const incident = openIncident(sensed.signal);
    const { ports, ctx } = rollbackPorts(context, options, log, config);
    const outcome = await guard.once(incident.id, () => rollBackDeploy(sensed, ctx, ports));
    log.info({ incident: incident.id, outcome: outcome === "coalesced" ? { kind: "coalesced" } : outcome }, "deploy failure handled");
  } catch (error) {
    // the work did not complete: a redelivery (same id) after a fix or an outage must run again
    guard.forget(context.id);
    if (isAgenticOpsError(error, "CONFIG_INVALID")) {
      log.error({ err: error, details: error.details }, "repository config invalid; nothing done");
      return;
    }
    throw error;
  }
};
