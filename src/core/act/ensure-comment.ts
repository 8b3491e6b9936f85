import type { CommentHost, CommentRef, CommentTarget } from "../../ports/comment-host.js";
import type { RepoRef } from "../../schemas/signal.js";
import { markerNeedle, type Marker } from "../render/hidden-marker.js";

export type EnsureCommentResult = { kind: "created" | "updated" | "unchanged"; target: CommentTarget; comment: CommentRef };

/** What identifies the bot's comment in a body: the marker's incident and kind, as renderMarker writes them. */
export const commentNeedle = (marker: Pick<Marker, "incident" | "kind">): string => `${markerNeedle(marker.incident)},"kind":"${marker.kind}"`;

/**
 * Idempotent: one bot comment per marker on a target, found again by the marker and edited in
 * place, written only when its body changed. A dry run reads but writes nothing.
 */
export const ensureComment = async (
  host: CommentHost,
  repo: RepoRef,
  target: CommentTarget,
  marker: Pick<Marker, "incident" | "kind">,
  body: string,
  dryRun: boolean,
): Promise<EnsureCommentResult> => {
  const existing = await host.findBotComment(repo, target, commentNeedle(marker));
  if (existing) {
    if (existing.body === body) return { kind: "unchanged", target, comment: existing };
    if (!dryRun) await host.updateComment(repo, target, existing.id, body);
    return { kind: "updated", target, comment: { ...existing, body } };
  }
  if (dryRun) return { kind: "created", target, comment: { id: 0, url: "", body } };
  return { kind: "created", target, comment: await host.createComment(repo, target, body) };
};
