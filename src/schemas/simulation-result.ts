import { z } from "zod";

/**
 * The end state of `agenticops simulate`, printed by `--json` and read by `expect`. A public,
 * stable interface (docs/drills.md): fields are only ever added, so readers must ignore unknown
 * keys — these schemas use z.object, which strips them instead of failing.
 * Arrays are in creation order (pull requests and issues by number).
 */

export const Expectation = z.object({
  description: z.string(),
  passed: z.boolean(),
  /** What was observed, when it helps explain a failure. */
  actual: z.unknown().optional(),
});
export type Expectation = z.infer<typeof Expectation>;

const Comment = z.object({ user: z.string(), body: z.string() });

export const SimulatedPullRequest = z.object({
  number: z.number().int(),
  title: z.string(),
  /** "" when the pull request has no body. */
  body: z.string(),
  state: z.enum(["open", "closed"]),
  merged: z.boolean(),
  head: z.string(),
  base: z.string(),
  labels: z.array(z.string()),
  requestedReviewers: z.array(z.string()),
  files: z.array(
    z.object({
      filename: z.string(),
      status: z.enum(["added", "removed", "modified", "renamed", "copied", "changed", "unchanged"]),
      additions: z.number().int(),
      deletions: z.number().int(),
      patch: z.string().optional(),
    }),
  ),
  commits: z.array(z.object({ sha: z.string(), message: z.string() })),
  /** Conversation comments on the pull request (issue comments), oldest first. */
  comments: z.array(Comment).optional(),
});
export type SimulatedPullRequest = z.infer<typeof SimulatedPullRequest>;

export const SimulatedIssue = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string(),
  state: z.enum(["open", "closed"]),
  labels: z.array(z.string()),
  comments: z.array(Comment),
  /** True for an issue the drill's `repo.issues` seeded, rather than one opened while it played. */
  seeded: z.boolean().optional(),
});
export type SimulatedIssue = z.infer<typeof SimulatedIssue>;

/** A comment on a commit (the bot's diagnosis of a branch build is one), oldest first. */
export const SimulatedCommitComment = z.object({
  /** full SHA of the commit */
  commit: z.string(),
  user: z.string(),
  body: z.string(),
});
export type SimulatedCommitComment = z.infer<typeof SimulatedCommitComment>;

export const SimulatedCheckRun = z.object({
  name: z.string(),
  head_sha: z.string(),
  status: z.string(),
  conclusion: z.string().nullable(),
  title: z.string().optional(),
  summary: z.string().optional(),
});

/** A REST call the app made to the sandbox. */
export const SimulatedApiCall = z.object({
  method: z.string(),
  /** OpenAPI path template, e.g. /repos/{owner}/{repo}/pulls; the raw path when no route matched. */
  route: z.string(),
  path: z.string(),
  status: z.number().int(),
  durationMs: z.number(),
});
export type SimulatedApiCall = z.infer<typeof SimulatedApiCall>;

/** A git smart-HTTP request the app made (clone, fetch, push). */
export const SimulatedGitCall = z.object({
  service: z.enum(["upload-pack", "receive-pack", "info-refs"]),
  repo: z.string(),
  status: z.number().int(),
  durationMs: z.number(),
});

export const SimulatedWebhook = z.object({
  event: z.string(),
  action: z.string().optional(),
  delivery: z.string(),
  /** HTTP status the app answered with. */
  status: z.number().int(),
  durationMs: z.number(),
});

export const SimulatedLlmCall = z.object({
  endpoint: z.string(),
  model: z.string(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  status: z.number().int(),
});

export const SimulationResult = z.object({
  drill: z.string(),
  passed: z.boolean(),
  durationMs: z.number(),
  pullRequests: z.array(SimulatedPullRequest),
  issues: z.array(SimulatedIssue),
  commitComments: z.array(SimulatedCommitComment),
  checkRuns: z.array(SimulatedCheckRun),
  apiCalls: z.array(SimulatedApiCall),
  /** Present when the app used git over HTTP; receive-pack entries are pushes. */
  gitCalls: z.array(SimulatedGitCall).optional(),
  webhooks: z.array(SimulatedWebhook),
  llmCalls: z.array(SimulatedLlmCall),
  expectations: z.array(Expectation),
});
export type SimulationResult = z.infer<typeof SimulationResult>;
