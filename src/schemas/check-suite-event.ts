import { z } from "zod";

/** The fields of GitHub's `check_suite` webhook the bot reads. */
export const CheckSuiteEvent = z.object({
  action: z.string(),
  check_suite: z.object({
    id: z.number().int(),
    head_branch: z.string().nullable(),
    head_sha: z.string().regex(/^[0-9a-f]{40}$/),
    status: z.string().nullable(),
    conclusion: z.string().nullable(),
    app: z.object({ slug: z.string().optional(), name: z.string() }).nullable().optional(),
    created_at: z.string().nullable().optional(),
    updated_at: z.string().nullable().optional(),
  }),
  repository: z.object({
    name: z.string(),
    owner: z.object({ login: z.string() }),
    default_branch: z.string(),
    html_url: z.string(),
  }),
});
export type CheckSuiteEvent = z.infer<typeof CheckSuiteEvent>;
