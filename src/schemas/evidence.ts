import { z } from "zod";

/** One piece of evidence, already redacted, with where it came from. */
export const Evidence = z.strictObject({
  kind: z.enum(["log-excerpt", "check-output", "alert", "commit", "deployment", "note"]),
  /** job name, check name, alert name, commit sha… */
  title: z.string().min(1),
  /** a link a human can open (job URL, alert generator URL) */
  url: z.url().nullable(),
  /** the lines that explain the failure, at most a few dozen */
  lines: z.array(z.string()).max(200),
  /** 1-based line numbers of `lines` in the original source, when known */
  startLine: z.number().int().positive().nullable(),
  truncated: z.boolean(),
});
export type Evidence = z.infer<typeof Evidence>;
