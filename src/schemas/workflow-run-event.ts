import { z } from "zod";

/** The fields of GitHub's `workflow_run` webhook the bot reads; everything else is ignored. */
export const WorkflowRunEvent = z.object({
  action: z.string(),
  workflow_run: z.object({
    id: z.number().int(),
    name: z.string().nullable().optional(),
    path: z.string(),
    head_branch: z.string().nullable(),
    head_sha: z.string().regex(/^[0-9a-f]{40}$/),
    event: z.string(),
    status: z.string().nullable(),
    conclusion: z.string().nullable(),
    html_url: z.string(),
    run_attempt: z.number().int().optional(),
    run_number: z.number().int(),
    workflow_id: z.number().int(),
    created_at: z.string(),
    updated_at: z.string().optional(),
    pull_requests: z
      .array(z.object({ number: z.number().int(), base: z.object({ sha: z.string().regex(/^[0-9a-f]{40}$/) }).optional() }))
      .default([]),
  }),
  repository: z.object({
    name: z.string(),
    owner: z.object({ login: z.string() }),
    default_branch: z.string(),
  }),
});
export type WorkflowRunEvent = z.infer<typeof WorkflowRunEvent>;
