import { z } from "zod";

const Sha = z.string().regex(/^[0-9a-f]{40}$/);

/**
 * Which commits a diagnosis ranked as suspects, so the write-up can say it:
 * - `pull-request`: the pull request's own commits (base..head);
 * - `since-last-success`: the commits since the head of the workflow's last successful run on
 *   the branch (base) up to the failing commit (head);
 * - `failing-commit`: no earlier successful run was found, so the failing commit alone;
 * - `unchanged`: the failing commit itself passed an earlier run, so no commit changed;
 * - `unavailable`: GitHub could not list the range (`reason` says why).
 */
export const SuspectRange = z.strictObject({
  kind: z.enum(["pull-request", "since-last-success", "failing-commit", "unchanged", "unavailable"]),
  base: Sha.nullable(),
  head: Sha,
  /** commits ranked */
  commits: z.number().int().min(0),
  /** commits in the range; more than `commits` when GitHub's listing was cut */
  total: z.number().int().min(0),
  pullRequest: z.number().int().positive().nullable(),
  branch: z.string().nullable(),
  /** the successful run the range starts after, for since-last-success and unchanged */
  lastSuccess: z.strictObject({ runNumber: z.number().int(), url: z.string() }).nullable(),
  reason: z.string().nullable(),
});
export type SuspectRange = z.infer<typeof SuspectRange>;
