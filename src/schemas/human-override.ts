import { z } from "zod";

/**
 * A human said "no" to the bot's pull request: requested changes, or closed it unmerged. Recorded
 * in a bot comment's hidden marker (plus a label) so the audit and metrics read it back from GitHub.
 */
export const HumanOverride = z.strictObject({
  kind: z.enum(["changes-requested", "closed-unmerged"]),
  by: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  /** the pull request's head when it happened */
  sha: z.string().regex(/^[0-9a-f]{40}$/).nullable(),
});
export type HumanOverride = z.infer<typeof HumanOverride>;
