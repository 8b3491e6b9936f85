import type { GovernanceHost } from "../../ports/governance-host.js";
import type { HumanOverride } from "../../schemas/human-override.js";
import type { RepoRef } from "../../schemas/signal.js";
import { readMarker } from "../render/hidden-marker.js";
import { renderOverrideComment } from "../render/render-override-comment.js";
import { OVERRIDE_LABEL } from "./decide-merge.js";
import { commentNeedle } from "./ensure-comment.js";

type OverrideHost = Pick<GovernanceHost, "findBotComment" | "createComment" | "updateComment" | "addLabels">;

const sameOverride = (a: HumanOverride, b: HumanOverride): boolean => a.kind === b.kind && a.by.toLowerCase() === b.by.toLowerCase() && a.at === b.at;

/**
 * Records a human override durably in GitHub: the `agenticops/overridden` label and the bot's one
 * override comment, whose marker lists every override (a redelivered event adds nothing).
 */
export const recordOverride = async (
  host: OverrideHost,
  repo: RepoRef,
  pr: { number: number; labels: string[]; incident: string },
  override: HumanOverride,
  dryRun: boolean,
): Promise<"recorded" | "already-recorded"> => {
  const target = { kind: "issue" as const, number: pr.number };
  const existing = await host.findBotComment(repo, target, commentNeedle({ incident: pr.incident, kind: "override-comment" }));
  const previous = readMarker(existing?.body)?.overrides ?? [];
  const known = previous.some((o) => sameOverride(o, override));
  const hasLabel = pr.labels.includes(OVERRIDE_LABEL);
  if (dryRun) return known ? "already-recorded" : "recorded";
  if (!hasLabel) await host.addLabels(repo, pr.number, [OVERRIDE_LABEL]);
  if (known) return "already-recorded";
  const overrides = [...previous, override].sort((a, b) => a.at.localeCompare(b.at));
  const body = renderOverrideComment(pr.incident, overrides);
  if (existing) await host.updateComment(repo, target, existing.id, body);
  else await host.createComment(repo, target, body);
  return "recorded";
};
