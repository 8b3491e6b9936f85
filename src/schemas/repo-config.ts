import { z } from "zod";
import { Mode } from "./mode.js";
import { RepoPolicy } from "./repo-policy.js";

export { Mode } from "./mode.js";

export const DeployTarget = z.strictObject({
  /** workflow name or path (`.github/workflows/deploy.yml`) */
  workflow: z.string().min(1),
  environment: z.string().min(1).default("production"),
  /** branch the deploy runs from; the default branch when omitted */
  branch: z.string().min(1).optional(),
});
export type DeployTarget = z.infer<typeof DeployTarget>;

/**
 * A deployed service whose version lives in IaC files. When a deploy of its environment fails and
 * the range changed its image value, the rollback pins that value back instead of reverting code.
 */
export const ServiceTarget = z.strictObject({
  name: z.string().min(1),
  environment: z.string().min(1).default("production"),
  /** files (exact paths) holding the image reference, tag or version */
  files: z.array(z.string().min(1)).min(1),
  /** a key path holding the version when it is not a conventional image field, e.g. "app.version" */
  version_key: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, "a dotted key path such as app.version")
    .optional(),
  /** who owns the service, as CODEOWNERS names them: `@user`, `@org/team` or an email address */
  owners: z
    .array(
      z
        .string()
        .regex(
          /^(?:@[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/,
          "a GitHub user (@octocat), team (@acme/payments) or email address",
        ),
    )
    .optional(),
  /** the service's objectives, quoted in diagnoses so readers know what is at stake */
  slo: z
    .strictObject({
      availability: z.string().regex(/^\d{1,3}(?:\.\d+)?%$/, "a percentage such as 99.9%").optional(),
      latency_p99_ms: z.number().int().positive().optional(),
    })
    .optional(),
});
export type ServiceTarget = z.infer<typeof ServiceTarget>;

/**
 * `.github/agenticops.yml`, read from the default branch only (a PR must not change the rules
 * that judge it). No file: the bot does nothing in that repository.
 */
export const RepoConfig = z
  .strictObject({
    version: z.literal(1).default(1),
    mode: Mode.default("assist"),
    /**
     * per-runbook modes, e.g. `{ scale-up: { mode: automate } }`. A repository in observe mode
     * stays in observe for every runbook; otherwise a runbook may be lowered or raised.
     */
    runbooks: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, "a runbook id such as deploy-failed-rollback"), z.strictObject({ mode: Mode })).default({}),
    /** the emergency stop: true denies every action in this repository */
    kill_switch: z.boolean().default(false),
    /** tightens the organisation's policies for this repository; it cannot loosen them */
    policy: RepoPolicy.optional(),
    deploys: z.array(DeployTarget).default([]),
    services: z.array(ServiceTarget).default([]),
    labels: z.array(z.string().min(1)).default(["agenticops"]),
  })
  .superRefine((config, ctx) => {
    if (config.mode !== "observe") return;
    for (const [id, override] of Object.entries(config.runbooks)) {
      if (override.mode === "observe") continue;
      ctx.addIssue({ code: "custom", path: ["runbooks", id, "mode"], message: `the repository is in observe mode, so runbook ${id} cannot be in ${override.mode}; raise the repository's mode first` });
    }
  });
export type RepoConfig = z.infer<typeof RepoConfig>;
