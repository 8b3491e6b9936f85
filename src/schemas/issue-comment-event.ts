import { z } from "zod";

const Login = z.string().regex(/^[A-Za-z0-9-]+(\[bot\])?$/);

/** The fields of GitHub's `issue_comment` webhook the bot reads; everything else is ignored. */
export const IssueCommentEvent = z.object({
  action: z.string(),
  issue: z.object({
    number: z.number().int().positive(),
    /** present (an object) when the issue is a pull request */
    pull_request: z.object({}).nullable().optional(),
  }),
  comment: z.object({
    id: z.number().int(),
    body: z.string().nullable(),
    user: z.object({ login: Login, type: z.string() }),
  }),
  repository: z.object({
    name: z.string(),
    owner: z.object({ login: z.string() }),
    default_branch: z.string(),
    html_url: z.string(),
  }),
});
export type IssueCommentEvent = z.infer<typeof IssueCommentEvent>;
