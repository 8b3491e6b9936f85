import type { AlertIncidentHost } from "../../ports/alert-incident-host.js";
import type { RepoRef } from "../../schemas/signal.js";
import { noteResolvedBeforeMerge } from "./note-resolved-before-merge.js";
import type { AlertIncidentWrite, WrittenDocument } from "./plan-alert-incident-write.js";

/**
 * Performs one planned write and records it in `written`, so the next plan starts from what
 * GitHub now holds. Errors propagate (the scheduler retries); `written` changes only on success.
 */
export const applyAlertIncidentWrite = async (
  host: AlertIncidentHost,
  repo: RepoRef,
  incident: { id: string; resolvedAt: string | null },
  write: AlertIncidentWrite,
  written: WrittenDocument,
): Promise<void> => {
  switch (write.kind) {
    case "create-issue": {
      const item = await host.createIssue(repo, { title: write.title, body: write.body, labels: write.labels });
      written.issue = { number: item.number, url: item.url, title: write.title, body: write.body, state: "open", labels: [...write.labels] };
      return;
    }
    case "update-issue": {
      await host.updateIssue(repo, write.number, write.patch);
      const issue = written.issue!;
      const closing = issue.state === "open" && write.patch.state === "closed";
      written.issue = { ...issue, ...write.patch };
      if (closing) written.closeCommentDue = true;
      if (write.patch.state === "open") written.closeCommentDue = false;
      return;
    }
    case "add-label":
      await host.addLabels(repo, write.number, [write.label]);
      written.issue = { ...written.issue!, labels: [...written.issue!.labels, write.label] };
      return;
    case "remove-label":
      await host.removeLabel(repo, write.number, write.label);
      written.issue = { ...written.issue!, labels: written.issue!.labels.filter((l) => l !== write.label) };
      return;
    case "close-comment":
      await host.createComment(repo, { kind: "issue", number: write.number }, write.body);
      written.closeCommentDue = false;
      return;
    case "create-comment": {
      const comment = await host.createComment(repo, { kind: "issue", number: write.on }, write.body);
      written.comment = { on: write.on, id: comment.id, body: write.body };
      return;
    }
    case "update-comment":
      await host.updateComment(repo, { kind: "issue", number: write.on }, write.id, write.body);
      written.comment = { on: write.on, id: write.id, body: write.body };
      return;
    case "note-pull-request":
      await noteResolvedBeforeMerge(host, repo, write.number, incident);
      written.pullRequestNoted = true;
      return;
  }
};
