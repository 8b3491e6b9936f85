import { z } from "zod";

/** The fields of GitHub's `deployment_status` webhook the bot reads. */
export const DeploymentStatusEvent = z.object({
  action: z.string(),
  deployment_status: z.object({
    id: z.number().int(),
    state: z.string(),
    environment: z.string().optional(),
    target_url: z.string().nullable().optional(),
    log_url: z.string().nullable().optional(),
    created_at: z.string(),
  }),
  deployment: z.object({
    id: z.number().int(),
    sha: z.string().regex(/^[0-9a-f]{40}$/),
    ref: z.string(),
    environment: z.string(),
    task: z.string().optional(),
    created_at: z.string(),
  }),
  workflow_run: z.object({ id: z.number().int() }).nullable().optional(),
  repository: z.object({
    name: z.string(),
    owner: z.object({ login: z.string() }),
    default_branch: z.string(),
    html_url: z.string(),
  }),
});
export type DeploymentStatusEvent = z.infer<typeof DeploymentStatusEvent>;
