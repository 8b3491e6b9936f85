import { z } from "zod";

/** The fields of GitHub's `push` webhook the bot reads. */
export const PushEvent = z.object({
  ref: z.string(),
  after: z.string(),
  deleted: z.boolean().optional(),
  sender: z.object({ login: z.string(), type: z.string() }),
  repository: z.object({ name: z.string(), owner: z.object({ login: z.string() }) }),
});
export type PushEvent = z.infer<typeof PushEvent>;
