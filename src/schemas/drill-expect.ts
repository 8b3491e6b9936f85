import { z } from "zod";

const REGEX_LITERAL = /^\/(.+)\/([dimsuv]*)$/;

/** A `*_matches` pattern: a JavaScript regex source ("^Roll back") or a literal ("/roll back/i"). */
export const toRegExp = (pattern: string): RegExp => {
  const literal = REGEX_LITERAL.exec(pattern);
  return literal ? new RegExp(literal[1] ?? "", literal[2]) : new RegExp(pattern);
};

const isValidPattern = (pattern: string): boolean => {
  try {
    toRegExp(pattern);
    return true;
  } catch {
    return false;
  }
};

const Pattern = z.string().refine(isValidPattern, {
  error: 'expected a valid regular expression like "^Roll back" or "/rollback/i"',
});

/** One string or a list; every one must occur. */
const Contains = z.union([z.string(), z.array(z.string())], {
  error: "expected a string or a list of strings",
});

const Count = z.number().int().min(0);

export const PullRequestExpectation = z.strictObject({
  title_matches: Pattern.optional(),
  body_contains: Contains.optional(),
  /** Labels the pull request must have (it may have more). */
  labels: z.array(z.string()).optional(),
  /** The exact set of changed file names. */
  files: z.array(z.string()).optional(),
  state: z.enum(["open", "closed"]).optional(),
  merged: z.boolean().optional(),
  head_matches: Pattern.optional(),
  base: z.string().optional(),
  /** Conversation comments on the pull request. */
  comments_count: Count.optional(),
  /** Each string must occur in at least one comment of the pull request. */
  comment_contains: Contains.optional(),
});

export const IssueExpectation = z.strictObject({
  title_matches: Pattern.optional(),
  body_contains: Contains.optional(),
  labels: z.array(z.string()).optional(),
  state: z.enum(["open", "closed"]).optional(),
  comments_count: Count.optional(),
  /** Each string must occur in at least one comment of the issue. */
  comment_contains: Contains.optional(),
});

export const CommitCommentExpectation = z.strictObject({
  /** The commit the comment is on: "{{commits.N}}", a full SHA, or its first 7 or more characters. */
  commit: z.string().min(7).optional(),
  body_contains: Contains.optional(),
  /** Who wrote it, e.g. "agenticops[bot]". */
  user: z.string().min(1).optional(),
});

/** A line the app must have logged: its fixed message, and what its fields must show. */
export const LogExpectation = z.strictObject({
  /** The message, exactly as logged (the app's messages are fixed; details are in the fields). */
  message: z.string().min(1),
  level: z.enum(["debug", "info", "warn", "error"]).optional(),
  /** Each string must occur in the line's fields, written as JSON (a label value, an id). */
  contains: Contains.optional(),
});

/** Assertions on the end state of a simulation; see docs/drills.md ("expect"). */
export const DrillExpect = z.strictObject({
  pull_requests: z
    .strictObject({ count: Count.optional(), items: z.array(PullRequestExpectation).optional() })
    .optional(),
  issues: z.strictObject({ count: Count.optional(), items: z.array(IssueExpectation).optional() }).optional(),
  comments: z.strictObject({ count: Count.optional(), user: z.string().min(1).optional() }).optional(),
  commit_comments: z
    .strictObject({ count: Count.optional(), items: z.array(CommitCommentExpectation).optional() })
    .optional(),
  check_runs: z
    .array(z.strictObject({ name: z.string().min(1), conclusion: z.string().min(1).nullable().optional() }))
    .optional(),
  webhooks: z.strictObject({ all_status: z.number().int().min(100).max(599).optional() }).optional(),
  api_calls: z.strictObject({ max: Count.optional(), none_failed: z.boolean().optional() }).optional(),
  llm_calls: z.strictObject({ count: Count.optional() }).optional(),
  no_writes: z.boolean().optional(),
  /** Lines the app must have logged (any order; other lines may come between). */
  logs: z.array(LogExpectation).optional(),
  /** The alert journal: notifications it recorded, and those whose effect is not written yet. */
  alerts: z.strictObject({ journaled: Count.optional(), pending: Count.optional() }).optional(),
});
export type DrillExpect = z.infer<typeof DrillExpect>;
export type PullRequestExpectation = z.infer<typeof PullRequestExpectation>;
export type IssueExpectation = z.infer<typeof IssueExpectation>;
export type CommitCommentExpectation = z.infer<typeof CommitCommentExpectation>;
export type LogExpectation = z.infer<typeof LogExpectation>;
