import { z } from "zod";
import {
  Author,
  BranchName,
  CommitRef,
  DEFAULT_COMMIT_AUTHOR,
  DeploymentState,
  DrillJob,
  FileMap,
  Login,
  RunConclusion,
} from "./drill-fields.js";

export const DrillCommit = z.strictObject({
  message: z.string().min(1),
  author: Author.default(DEFAULT_COMMIT_AUTHOR),
  /** Defaults to the repository's default branch; a new name branches off the default branch. */
  branch: BranchName.optional(),
  files: FileMap.default({}),
  /**
   * Instead of files: merge this branch into `branch` with a real two-parent merge commit, as the
   * merge button does (`message` is the merge commit's message). Conflicting merges are errors.
   */
  merge: BranchName.optional(),
}).refine((c) => c.merge === undefined || Object.keys(c.files).length === 0, {
  error: "a merge commit takes no files: merge a branch whose commits carry the files",
  path: ["merge"],
});

export const Permission = z.enum(["admin", "maintain", "write", "triage", "read"]);

export const DrillLabel = z.strictObject({
  name: z.string().min(1),
  color: z
    .string({ error: 'expected a 6-digit hex colour like "d73a4a"' })
    .regex(/^[0-9a-fA-F]{6}$/, { error: 'expected a 6-digit hex colour like "d73a4a"' })
    .default("ededed"),
  description: z.string().optional(),
});

export const DrillDeployment = z.strictObject({
  environment: z.string().min(1).default("production"),
  sha: CommitRef,
  ref: z.string().min(1).optional(),
  state: DeploymentState.default("success"),
  description: z.string().optional(),
});

export const DrillWorkflowRun = z.strictObject({
  name: z.string().min(1),
  path: z.string().min(1).optional(),
  head_sha: CommitRef,
  head_branch: BranchName.optional(),
  event: z.string().min(1).default("push"),
  status: z.enum(["completed", "in_progress", "queued"]).default("completed"),
  /** Defaults to "success" for completed runs and null otherwise. */
  conclusion: RunConclusion.nullable().optional(),
  jobs: z.array(DrillJob).default([]),
});

/** An issue that exists before the drill starts, e.g. a past incident the bot may learn from. */
export const DrillIssue = z.strictObject({
  title: z.string().min(1),
  body: z.string().default(""),
  /** Labels on the issue; missing ones are created. The bot finds past incidents by `agenticops`. */
  labels: z.array(z.string().min(1)).default([]),
  state: z.enum(["open", "closed"]).default("open"),
  /** Who opened it; defaults to the repository owner. */
  user: Login.optional(),
});

/** `org/slug` of a team of the repository's organisation. */
export const DrillTeamName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9][A-Za-z0-9._-]*$/, {
  error: 'expected a team like "acme/sre" (organisation/team slug)',
});

const workflowPath = (name: string): string =>
  `.github/workflows/${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.yml`;

/** The repository a drill starts from; defaults that depend on other fields are filled in here. */
export const DrillRepo = z
  .strictObject({
    owner: Login,
    name: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, { error: 'expected a repository name like "shop"' }),
    default_branch: BranchName.default("main"),
    private: z.boolean().default(false),
    commits: z.array(DrillCommit).min(1, { error: "expected at least one commit (the first creates the repository)" }),
    collaborators: z.record(Login, Permission).default({}),
    labels: z.array(DrillLabel).default([]),
    deployments: z.array(DrillDeployment).default([]),
    workflow_runs: z.array(DrillWorkflowRun).default([]),
    issues: z.array(DrillIssue).default([]),
    /** Teams of the repository's organisation and their active members, e.g. `{ "acme/sre": [eve, frank] }`. */
    teams: z.record(DrillTeamName, z.array(Login)).default({}),
  })
  .superRefine((repo, ctx) => {
    for (const team of Object.keys(repo.teams)) {
      if (team.split("/")[0]?.toLowerCase() !== repo.owner.toLowerCase()) {
        ctx.addIssue({ code: "custom", path: ["teams", team], message: `a team of the repository's organisation: expected "${repo.owner}/<team>", got "${team}"` });
      }
    }
  })
  .transform((repo) => ({
    ...repo,
    commits: repo.commits.map((c) => ({ ...c, branch: c.branch ?? repo.default_branch })),
    deployments: repo.deployments.map((d) => ({ ...d, ref: d.ref ?? repo.default_branch })),
    workflow_runs: repo.workflow_runs.map((r) => ({
      ...r,
      path: r.path ?? workflowPath(r.name),
      head_branch: r.head_branch ?? repo.default_branch,
      conclusion: r.conclusion !== undefined ? r.conclusion : r.status === "completed" ? "success" : null,
    })),
  }));
export type DrillRepo = z.infer<typeof DrillRepo>;
export type DrillCommit = DrillRepo["commits"][number];
export type DrillIssue = z.infer<typeof DrillIssue>;
