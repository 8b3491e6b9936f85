import { z } from "zod";

const Repository = z.object({ name: z.string(), owner: z.object({ login: z.string() }) });

/** The fields of a webhook's `pull_request` the bot reads to tell its own pull requests apart. */
export const PullRequestPayload = z.object({
  number: z.number().int().positive(),
  state: z.string(),
  merged: z.boolean().nullable().optional(),
  closed_at: z.string().nullable().optional(),
  head: z.object({ ref: z.string(), sha: z.string() }),
  body: z.string().nullable(),
  user: z.object({ login: z.string() }).nullable(),
});
export type PullRequestPayload = z.infer<typeof PullRequestPayload>;

/** GitHub's `pull_request` webhook, the fields the bot reads. */
export const PullRequestEvent = z.object({
  action: z.string(),
  pull_request: PullRequestPayload,
  /** `labeled` / `unlabeled`: the label */
  label: z.object({ name: z.string() }).optional(),
  sender: z.object({ login: z.string() }),
  repository: Repository,
});
export type PullRequestEvent = z.infer<typeof PullRequestEvent>;

/** GitHub's `pull_request_review` webhook, the fields the bot reads. */
export const PullRequestReviewEvent = z.object({
  action: z.string(),
  review: z.object({
    state: z.string(),
    user: z.object({ login: z.string() }).nullable(),
    commit_id: z.string().nullable().optional(),
    submitted_at: z.string().nullable().optional(),
  }),
  pull_request: PullRequestPayload,
  sender: z.object({ login: z.string() }),
  repository: Repository,
});
export type PullRequestReviewEvent = z.infer<typeof PullRequestReviewEvent>;
