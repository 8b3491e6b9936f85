import type { AlertIncidentHost } from "../../ports/alert-incident-host.js";
import type { RepoRef } from "../../schemas/signal.js";
import { renderMarker } from "../render/hidden-marker.js";
import { code } from "../render/markdown.js";
import { commentNeedle } from "./ensure-comment.js";

export const RESOLVED_BEFORE_MERGE_LABEL = "resolved-before-merge";

export type ResolutionNote = "noted" | "already-noted" | "not-open";

/**
 * Tells a pending remediation pull request that its incident resolved on its own: one comment
 * (found again by its marker, never repeated) and the `resolved-before-merge` label. A merged or
 * closed pull request gets nothing. Remediation pull requests call this once their incident resolves.
 */
export const noteResolvedBeforeMerge = async (
  host: Pick<AlertIncidentHost, "pullRequestState" | "findBotComment" | "createComment" | "addLabels">,
  repo: RepoRef,
  pullRequest: number,
  incident: { id: string; resolvedAt: string | null },
): Promise<ResolutionNote> => {
  if ((await host.pullRequestState(repo, pullRequest)) !== "open") return "not-open";
  const target = { kind: "issue" as const, number: pullRequest };
  const marker = { incident: incident.id, kind: "resolution-note" as const };
  const existing = await host.findBotComment(repo, target, commentNeedle(marker));
  if (!existing) {
    const when = incident.resolvedAt ? ` at ${incident.resolvedAt}` : "";
    const body = `Resolved on its own before merge: every alert of incident ${code(incident.id)} resolved${when}, before this pull request was merged. Check whether the change is still needed; close the pull request if it is not.\n\n${renderMarker(marker)}`;
    await host.createComment(repo, target, body);
  }
  await host.addLabels(repo, pullRequest, [RESOLVED_BEFORE_MERGE_LABEL]);
  return existing ? "already-noted" : "noted";
};
