import type { Runbook } from "../../../schemas/runbook.js";
import type { RunbookFacts } from "../../../schemas/runbook-facts.js";

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Why a runbook must not plan again for this incident, or null. A run is never cut short: when
 * `max_steps` leaves too few steps for the whole runbook, nothing is planned.
 */
export const stopReason = (runbook: Runbook, facts: RunbookFacts): string | null => {
  const stop = runbook.stop_conditions;
  const history = facts.history[runbook.id];
  if (stop.alert_resolved && facts.alert?.status === "resolved") return `stop condition alert_resolved: the alert ${facts.alert.name} has resolved`;
  if (stop.verification_failed && history?.last_verification === "failed") {
    return "stop condition verification_failed: the last run's verification failed, so a human takes over";
  }
  const taken = history?.steps_taken ?? 0;
  if (stop.max_steps !== undefined && taken + runbook.steps.length > stop.max_steps) {
    return `stop condition max_steps: ${plural(taken, "step")} already taken for this incident, at most ${stop.max_steps} allowed`;
  }
  return null;
};
