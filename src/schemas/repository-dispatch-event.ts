import { z } from "zod";

/** The fields of GitHub's `repository_dispatch` webhook the bot reads (`action` is the event_type). */
export const RepositoryDispatchEvent = z.object({
  action: z.string(),
  client_payload: z.unknown(),
  repository: z.object({ name: z.string(), owner: z.object({ login: z.string() }) }),
});
export type RepositoryDispatchEvent = z.infer<typeof RepositoryDispatchEvent>;
