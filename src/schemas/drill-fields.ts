import { z } from "zod";

/** Small field types shared by the parts of a drill (repo, events, expect). */

export const DEFAULT_COMMIT_AUTHOR = "AgenticOps Drill <drill@agenticops.invalid>";

export const Login = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/, {
    error: 'expected a GitHub login like "dana" (letters, digits and "-")',
  });

export const BranchName = z
  .string()
  .regex(/^(?!\/)(?!.*\/\/)(?!.*\.\.)(?!.*\/$)[A-Za-z0-9._/-]+$/, {
    error: 'expected a branch name like "main" or "fix/cache"',
  });

export const Author = z.string().regex(/^[^<>]+ <[^<>\s]+@[^<>\s]+>$/, {
  error: 'expected "Name <email>", like "Dana Dev <dana@example.com>"',
});

const isRelativeFilePath = (path: string): boolean =>
  path.length > 0 && !path.startsWith("/") && path.split("/").every((s) => s !== "" && s !== "..");

export const FilePath = z.string().refine(isRelativeFilePath, {
  error: 'expected a relative file path like "src/app.ts" (no leading "/", no "..")',
});

/** path → content; `null` deletes the file. Contents are literal: templates are not rendered. */
export const FileMap = z.record(
  FilePath,
  z.string({ error: "expected the file content as a string, or null to delete the file" }).nullable(),
);

/** A commit: `{{commits.N}}` (resolved at play time) or a full SHA. */
export const CommitRef = z.string().regex(/^(?:\{\{\s*[^{}]+?\s*\}\}|[0-9a-f]{40})$/, {
  error: 'expected a commit template like "{{commits.1}}" or a full 40-character SHA',
});

/** Issue or pull request number, as GitHub shows it. */
export const IssueNumber = z.number({ error: "expected an issue or pull request number like 1" }).int().positive();

/** "10m", "30s", "1h", "500ms", "2d". */
export const Duration = z.string().regex(/^\d+(?:ms|s|m|h|d)$/, {
  error: 'expected a duration like "500ms", "30s", "10m", "1h" or "2d"',
});

export const DeploymentState = z.enum(["error", "failure", "inactive", "in_progress", "queued", "pending", "success"]);

export const RunConclusion = z.enum([
  "success",
  "failure",
  "neutral",
  "cancelled",
  "skipped",
  "timed_out",
  "action_required",
]);

/** A job of a workflow run; `log` is served by the jobs logs endpoint. */
export const DrillJob = z.strictObject({
  name: z.string().min(1),
  conclusion: RunConclusion.default("success"),
  log: z.string().default(""),
  steps: z
    .array(z.strictObject({ name: z.string().min(1), conclusion: RunConclusion.default("success") }))
    .optional(),
});
export type DrillJob = z.infer<typeof DrillJob>;

/** Key/value payloads that are deep-merged over an example or sent as is. */
export const JsonObject = z.record(z.string(), z.unknown());
