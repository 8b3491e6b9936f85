import type { ChangePublisher, PullRequestRef } from "../../ports/change-publisher.js";
import type { RepoRef } from "../../schemas/signal.js";
import type { RunbookHistory } from "../../schemas/runbook-facts.js";
import { readMarker } from "../render/hidden-marker.js";

export const MAX_INCIDENT_STEPS = 10;

/** Step 1 of an incident is on `agenticops/<id>`, step n on `agenticops/<id>-<n>`: the step budget counts both. */
export const stepBranch = (prefix: string, incidentId: string, step: number): string => (step === 1 ? `${prefix}${incidentId}` : `${prefix}${incidentId}-${step}`);

export type IncidentSteps =
  /** the next step may be planned */
  | { kind: "next"; step: number; history: Record<string, RunbookHistory> }
  /** a pull request of this incident awaits review: one at a time */
  | { kind: "pending"; pullRequest: PullRequestRef }
  /** a human closed one without merging: the bot does not propose again for this incident */
  | { kind: "refused"; pullRequest: PullRequestRef }
  | { kind: "exhausted"; steps: number };

/**
 * What the bot already did for an incident, read from GitHub (the branches are the state): merged
 * steps count per runbook (from the hidden marker of each pull request), an open one blocks the next.
 */
export const readIncidentSteps = async (publisher: ChangePublisher, repo: RepoRef, prefix: string, incidentId: string): Promise<IncidentSteps> => {
  const history: Record<string, RunbookHistory> = {};
  for (let step = 1; step <= MAX_INCIDENT_STEPS; step += 1) {
    const pulls = await publisher.findPullRequests(repo, stepBranch(prefix, incidentId, step));
    const [newest] = pulls;
    if (!newest) return { kind: "next", step, history };
    const open = pulls.find((p) => p.state === "open");
    if (open) return { kind: "pending", pullRequest: open };
    const merged = pulls.find((p) => p.merged);
    if (!merged) return { kind: "refused", pullRequest: newest };
    const runbook = readMarker(merged.body)?.runbook ?? "unknown";
    const earlier = history[runbook]?.steps_taken ?? 0;
    // a merged step whose incident still fires has not been verified yet; the stop conditions and
    // the policy's step budget bound what follows
    history[runbook] = { steps_taken: earlier + 1, last_verification: "pending" };
  }
  return { kind: "exhausted", steps: MAX_INCIDENT_STEPS };
};
