import type { LabelRecord, RepoRecord } from "../state/sandbox-state.js";
import { nodeId, repoBase, type RenderEnv } from "./render-env.js";

/** GitHub's `label`. */
export const renderLabel = (env: RenderEnv, repo: RepoRecord, label: LabelRecord): Record<string, unknown> => ({
  id: label.id,
  node_id: nodeId("Label", label.id),
  url: `${repoBase(env, repo).api}/labels/${encodeURIComponent(label.name)}`,
  name: label.name,
  description: label.description,
  color: label.color,
  default: false,
});
