import { z } from "zod";
import type { ActionModule } from "./action-module.js";
import { short } from "./action-params.js";

const TARGET = /^(#?[1-9]\d*|[0-9a-f]{40})$/;

export const CommentParams = z.strictObject({
  /** an issue or pull request number (`42`, `"#42"`) or a full commit SHA */
  target: z.union([
    z.number().int().positive(),
    z.string().regex(TARGET, 'expected an issue or pull request number ("42" or "#42") or a full 40-character commit SHA'),
  ]),
  // GitHub's limit for a comment body.
  body: z.string().trim().min(1).max(65536),
});
export type CommentParams = z.infer<typeof CommentParams>;

const preview = (body: string): string => {
  const first = body.split("\n")[0] ?? "";
  return first.length > 80 ? `${first.slice(0, 79)}…` : first;
};

const canonical = (target: CommentParams["target"]): string => String(target).replace(/^#/, "");

/** Posts a comment on an issue, a pull request or a commit; observe only. */
export const comment: ActionModule<CommentParams> = {
  kind: "comment",
  params: CommentParams,
  risk: "low",
  effect: "observe",
  plan: async (params) => {
    const target = canonical(params.target);
    const where = /^\d+$/.test(target) ? `#${target}` : `commit ${short(target)}`;
    return {
      kind: "planned",
      changes: [],
      quantities: [],
      call: { kind: "comment", target },
      description: [`Comment on ${where}: "${preview(params.body)}".`],
      inverse: { action: null, description: `Delete or edit the comment on ${where}.` },
    };
  },
};
