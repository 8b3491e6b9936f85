import { readMarker } from "../render/hidden-marker.js";

export const BOT_BRANCH_PREFIX = "agenticops/";

/**
 * The incident of a pull request the bot opened, or null for any other: a branch under
 * `agenticops/`, the bot's hidden marker of a pull request kind in the body, and (when known) the
 * bot as its author, so a human's pull request copying the marker is not governed as the bot's.
 * Reads only the payload: everything else is ignored before any API call.
 */
export const botPullRequestIncident = (pr: { headRef: string; body: string | null; author: string | null }, bot: string): string | null => {
  if (!pr.headRef.startsWith(BOT_BRANCH_PREFIX)) return null;
  const marker = readMarker(pr.body);
  if (!marker || !marker.kind.endsWith("-pr")) return null;
  if (pr.author !== null && pr.author.toLowerCase() !== bot.toLowerCase()) return null;
  return marker.incident;
};
