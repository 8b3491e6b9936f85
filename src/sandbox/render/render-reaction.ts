import type { ReactionRecord } from "../state/sandbox-state.js";
import { nodeId, type RenderEnv } from "./render-env.js";
import { renderUser } from "./render-user.js";

export const REACTION_CONTENTS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"] as const;

/** GitHub's `reaction`. */
export const renderReaction = (env: RenderEnv, reaction: ReactionRecord): Record<string, unknown> => ({
  id: reaction.id,
  node_id: nodeId("Reaction", reaction.id),
  user: renderUser(env.state.ensureUser(reaction.user), env.apiUrl, env.origin),
  content: reaction.content,
  created_at: reaction.createdAt,
});

/** GitHub's `reaction-rollup`: counts per content, `url` being the reactions list of the subject. */
export const renderReactionRollup = (url: string, reactions: readonly ReactionRecord[]): Record<string, unknown> => {
  const rollup: Record<string, unknown> = { url, total_count: reactions.length };
  for (const content of REACTION_CONTENTS) rollup[content] = reactions.filter((r) => r.content === content).length;
  return rollup;
};
