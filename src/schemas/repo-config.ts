import { z } from "zod";

export const Mode = z.enum(["observe", "assist"]);
export type Mode = z.infer<typeof Mode>;

export const DeployTarget = z.strictObject({
  /** workflow name or path (`.github/workflows/deploy.yml`) */
  workflow: z.string().min(1),
  environment: z.string().min(1).default("production"),
  /** branch the deploy runs from; the default branch when omitted */
  branch: z.string().min(1).optional(),
});
export type DeployTarget = z.infer<typeof DeployTarget>;

/**
 * `.github/agenticops.yml`, read from the default branch only (a PR must not change the rules
 * that judge it). No file: the bot does nothing in that repository.
 */
export const RepoConfig = z.strictObject({
  version: z.literal(1).default(1),
  mode: Mode.default("assist"),
  deploys: z.array(DeployTarget).default([]),
  labels: z.array(z.string().min(1)).default(["agenticops"]),
});
export type RepoConfig = z.infer<typeof RepoConfig>;
