import type { CodeHost, IssueRef } from "../../ports/code-host.js";
import type { RepoRef } from "../../schemas/signal.js";
import { markerNeedle } from "../render/hidden-marker.js";

export type EnsureResult = { kind: "created" | "updated" | "unchanged"; issue: IssueRef };

/** Idempotent: one issue per incident, found again by its hidden marker, updated only when the body changed. */
export const ensureIncidentIssue = async (
  host: CodeHost,
  repo: RepoRef,
  incidentId: string,
  issue: { title: string; body: string; labels: string[] },
  dryRun: boolean,
): Promise<EnsureResult> => {
  const label = issue.labels[0] ?? "agenticops";
  const existing = await host.findIssueByMarker(repo, markerNeedle(incidentId), label);
  if (existing) {
    if (existing.body === issue.body) return { kind: "unchanged", issue: existing };
    if (!dryRun) await host.updateIssueBody(repo, existing.number, issue.body);
    return { kind: "updated", issue: { ...existing, body: issue.body } };
  }
  if (dryRun) return { kind: "created", issue: { number: 0, url: "", body: issue.body } };
  return { kind: "created", issue: await host.createIssue(repo, issue) };
};
