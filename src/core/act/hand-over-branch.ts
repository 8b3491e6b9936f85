import type { ChangePublisher } from "../../ports/change-publisher.js";
import type { RepoRef } from "../../schemas/signal.js";
import { markerNeedle, renderMarker } from "../render/hidden-marker.js";

export type HandOverResult = { kind: "commented"; pr: number } | { kind: "already-handed-over"; pr: number } | { kind: "no-open-pr" };

/**
 * A human pushed to the bot's branch: from now on the pull request is theirs. The bot never pushes
 * to it again (it pushes only when creating the branch) and says so once, in a comment.
 */
export const handOverBranch = async (publisher: ChangePublisher, repo: RepoRef, push: { branch: string; incidentId: string; pusher: string; sha: string }): Promise<HandOverResult> => {
  const open = (await publisher.findPullRequests(repo, push.branch)).find((p) => p.state === "open");
  if (!open) return { kind: "no-open-pr" };
  const needle = markerNeedle(push.incidentId);
  const comments = await publisher.listComments(repo, open.number);
  if (comments.some((c) => c.includes(needle) && c.includes('"kind":"handover-comment"'))) return { kind: "already-handed-over", pr: open.number };
  const body = [
    `@${push.pusher} pushed ${push.sha.slice(0, 7)} to \`${push.branch}\`. AgenticOps will not push to this branch again: this pull request is now in your hands.`,
    "Review and merge it as any other change; closing it without merging tells the bot not to propose this rollback again.",
    renderMarker({ incident: push.incidentId, kind: "handover-comment" }),
  ].join("\n\n");
  await publisher.comment(repo, open.number, body);
  return { kind: "commented", pr: open.number };
};
