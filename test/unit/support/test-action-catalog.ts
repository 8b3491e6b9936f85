import { z } from "zod";
import type { ActionModule, PlannedAction } from "../../../src/core/plan/actions/action-module.js";
import type { ActionCatalog } from "../../../src/core/plan/runbooks/action-catalog-type.js";

/**
 * A small stand-in action catalog for the runbook engine's unit tests: real-looking parameter
 * schemas and plans that edit text, so tests see proposals, file changes and not-applicable.
 */
const setImageTag: ActionModule<{ file: string; image: string; tag: string }> = {
  kind: "set-image-tag",
  params: z.strictObject({ file: z.string().min(1), image: z.string().min(1), tag: z.string().min(1) }),
  risk: "low",
  effect: "pull-request",
  async plan({ file, image, tag }, files): Promise<PlannedAction> {
    const text = await files.read(file);
    if (text === null) return { kind: "not-applicable", reason: `${file} does not exist` };
    const line = new RegExp(`(image: ${image.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}):(\\S+)`);
    const old = line.exec(text)?.[2];
    if (old === undefined) return { kind: "not-applicable", reason: `${file} does not use ${image}` };
    if (old === tag) return { kind: "not-applicable", reason: `${image} is already ${tag}` };
    return {
      kind: "planned",
      changes: [{ path: file, change: "modify", content: text.replace(line, `$1:${tag}`), previous: text }],
      quantities: [],
      description: [`Set ${image} in ${file} from ${old} to ${tag}.`],
      inverse: { action: "set-image-tag", params: { file, image, tag: old }, description: `set ${image} back to ${old}` },
    };
  },
};

const scaleReplicas: ActionModule<{ file: string; replicas: number }> = {
  kind: "scale-replicas",
  params: z.strictObject({ file: z.string().min(1), replicas: z.number().int().min(1).max(50) }),
  risk: "medium",
  effect: "pull-request",
  async plan({ file, replicas }, files): Promise<PlannedAction> {
    const text = await files.read(file);
    const old = text === null ? undefined : /replicas: (\d+)/.exec(text)?.[1];
    if (text === null || old === undefined) return { kind: "not-applicable", reason: `${file} has no replicas` };
    return {
      kind: "planned",
      changes: [{ path: file, change: "modify", content: text.replace(/replicas: \d+/, `replicas: ${replicas}`), previous: text }],
      quantities: [{ name: "replicas", target: file, from: Number(old), to: replicas }],
      description: [`Scale ${file} from ${old} to ${replicas} replicas.`],
      inverse: { action: "scale-replicas", params: { file, replicas: Number(old) }, description: `scale back to ${old}` },
    };
  },
};

const rerunFailedJobs: ActionModule<{ run_id: number }> = {
  kind: "rerun-failed-jobs",
  params: z.strictObject({ run_id: z.number().int().positive() }),
  risk: "low",
  effect: "api",
  async plan({ run_id }): Promise<PlannedAction> {
    return {
      kind: "planned",
      changes: [],
      quantities: [],
      call: { kind: "rerun-failed-jobs", target: String(run_id) },
      description: [`Re-run the failed jobs of run ${run_id}.`],
      inverse: { action: null, description: "nothing to undo: a re-run changes no code" },
    };
  },
};

export const TEST_CATALOG: ActionCatalog = {
  "set-image-tag": setImageTag,
  "scale-replicas": scaleReplicas,
  "rerun-failed-jobs": rerunFailedJobs,
};
