import { z } from "zod";

const Repository = z.object({ name: z.string(), owner: z.object({ login: z.string() }) });
const PullRequestRefs = z.array(z.object({ number: z.number().int().positive(), head: z.object({ ref: z.string() }) })).default([]);
const App = z.object({ id: z.number().int().optional(), slug: z.string().optional() }).nullable().optional();

/**
 * A result on a commit that may unblock a merge: `check_run`, `check_suite` or `status`, reduced
 * to the fields that say which branches and pull requests it concerns and who reported it.
 */
export const HeadChecksEvent = z.union([
  z.object({
    check_run: z.object({
      name: z.string(),
      head_sha: z.string(),
      app: App,
      check_suite: z.object({ head_branch: z.string().nullable() }).nullable().optional(),
      pull_requests: PullRequestRefs,
    }),
    repository: Repository,
  }),
  z.object({
    check_suite: z.object({ head_sha: z.string(), head_branch: z.string().nullable(), app: App, pull_requests: PullRequestRefs }),
    repository: Repository,
  }),
  z.object({
    sha: z.string(),
    context: z.string(),
    branches: z.array(z.object({ name: z.string() })).default([]),
    repository: Repository,
  }),
]);
export type HeadChecksEvent = z.infer<typeof HeadChecksEvent>;
