import { z } from "zod";
import {
  Author,
  BranchName,
  CommitRef,
  DeploymentState,
  DrillJob,
  Duration,
  FileMap,
  IssueNumber,
  JsonObject,
  Login,
  RunConclusion,
} from "./drill-fields.js";
import { GithubWebhookEvent } from "./github-webhook-event.js";

/**
 * One step of a drill. Each kind is an object with exactly one kind key (`github`, `alert`, …),
 * listed first in its schema: error reporting relies on that to name the kind a user meant.
 */

/** A check run of a third-party CI app, as the Checks API serves it (`output` and annotations). */
export const DrillCheckRun = z.strictObject({
  name: z.string().min(1),
  conclusion: RunConclusion.default("failure"),
  output: z
    .strictObject({ title: z.string().optional(), summary: z.string().optional(), text: z.string().optional() })
    .optional(),
  annotations: z
    .array(
      z.strictObject({
        path: z.string().min(1),
        start_line: z.number().int().min(1),
        end_line: z.number().int().min(1).optional(),
        annotation_level: z.enum(["notice", "warning", "failure"]).default("failure"),
        title: z.string().optional(),
        message: z.string().min(1),
      }),
    )
    .default([]),
});
export type DrillCheckRun = z.infer<typeof DrillCheckRun>;

export const GithubDrillEvent = z.strictObject({
  github: GithubWebhookEvent,
  action: z.string().min(1).optional(),
  /** Login of the user who triggered the event; defaults to the repository owner. */
  sender: Login.optional(),
  /** Deep-merged over GitHub's example payload for this event and action. */
  payload: JsonObject.default({}),
  /** workflow_run / workflow_job / check_suite / check_run: jobs served with their logs. */
  jobs: z.array(DrillJob).optional(),
  /** check_suite: the check runs of the third-party suite, with their output and annotations. */
  check_runs: z.array(DrillCheckRun).optional(),
  /** deployment / deployment_status: the sandbox creates this deployment. */
  deployment: z
    .strictObject({
      environment: z.string().min(1).default("production"),
      sha: CommitRef,
      ref: z.string().min(1).optional(),
      description: z.string().optional(),
    })
    .optional(),
  /** deployment_status: the state of the status the sandbox creates. */
  state: DeploymentState.optional(),
});

const HttpStatus = z.number().int().min(100, { error: "expected an HTTP status such as 202" }).max(599, { error: "expected an HTTP status such as 202" });

/** Who the post claims to be: the sandbox's token by default. */
export const AlertDrillAuth = z.union(
  [z.literal("none"), z.strictObject({ bearer: z.string().min(1) }), z.strictObject({ basic: z.string().regex(/^[^:]+:/, 'expected "user:password"') })],
  { error: 'expected "none", { bearer: <token> } or { basic: "user:password" }' },
);

export const AlertDrillEvent = z.strictObject({
  alert: z.enum(["alertmanager", "grafana", "generic"]),
  /** The JSON body, completed with what the real sender adds; `{}` unless `body` is given. */
  payload: JsonObject.optional(),
  /** Instead of `payload`: the body sent exactly as written (malformed JSON, a hand-made post). */
  body: z.string().optional(),
  /** Credentials: the sandbox's alert token unless given; "none" sends no Authorization header. */
  auth: AlertDrillAuth.optional(),
  /** The Content-Type header; default application/json. */
  content_type: z.string().min(1).optional(),
  /** The status the app must answer with (202 accepted, 400, 401, 415…); checked with the expectations. */
  expect_status: HttpStatus.optional(),
  /** Each string must occur in the app's answer (e.g. the path a 400 names). */
  expect_answer_contains: z.union([z.string(), z.array(z.string())], { error: "expected a string or a list of strings" }).optional(),
  /**
   * `false`: the next event follows at once, before what this post started (writes, the 60 s hold
   * before remediation) takes effect — e.g. an alert that resolves before the bot acts.
   */
  settle: z.boolean().default(true),
});

const Target = z.enum(["issue", "pr", "agent-pr"]);
const PrTarget = z.enum(["pr", "agent-pr"]);

export const CommentDrillEvent = z.strictObject({
  comment: z.strictObject({ on: Target, number: IssueNumber.optional(), user: Login, body: z.string() }),
});

export const ReviewDrillEvent = z.strictObject({
  review: z.strictObject({
    on: PrTarget,
    number: IssueNumber.optional(),
    user: Login,
    state: z.enum(["approved", "changes_requested", "commented"]),
    body: z.string().default(""),
  }),
});

export const PushDrillEvent = z.strictObject({
  push: z.strictObject({
    /** Defaults to the repository's default branch; `"{{pr.0.head}}"` pushes to a pull request's branch. */
    branch: z.union([BranchName, z.string().regex(/^\{\{\s*pr\.\d+\.head\s*\}\}$/)], { error: 'expected a branch name like "main" or a template like "{{pr.0.head}}"' }).optional(),
    user: Login,
    /** Defaults to "<user> <user@users.noreply.github.com>". */
    author: Author.optional(),
    message: z.string().min(1),
    files: FileMap,
  }),
});

export const MergeDrillEvent = z.strictObject({
  merge: z.strictObject({
    on: PrTarget,
    number: IssueNumber.optional(),
    user: Login,
    method: z.enum(["merge", "squash", "rebase"]).default("merge"),
  }),
});

export const CloseDrillEvent = z.strictObject({
  close: z.strictObject({ on: Target, number: IssueNumber.optional(), user: Login }),
});

/**
 * A CI app reports on a pull request's head. With `status` a run starts (check_run `created`);
 * with `conclusion` the newest unfinished run of that name completes on the commit it started on
 * (check_run `completed`), or a completed run is created on the current head when none is running.
 */
export const CheckDrillEvent = z.strictObject({
  check: z.strictObject({
    on: PrTarget,
    number: IssueNumber.optional(),
    name: z.string().min(1),
    status: z.enum(["queued", "in_progress"]).optional(),
    conclusion: RunConclusion.optional(),
    /** the CI app's slug */
    app: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "an app slug such as ci or circleci-checks").default("ci"),
  }),
});

export const WaitDrillEvent = z.strictObject({
  wait: z.strictObject({
    /** Real time to let the app work, in milliseconds. */
    ms: z.number().int().min(0).max(600_000).optional(),
    /** Moves the sandbox clock forward without waiting. */
    advance: Duration.optional(),
  }),
});

export const DRILL_EVENT_KINDS = ["github", "alert", "comment", "review", "push", "merge", "close", "check", "wait"] as const;
export type DrillEventKind = (typeof DRILL_EVENT_KINDS)[number];

export const DrillEvent = z.union(
  [
    GithubDrillEvent,
    AlertDrillEvent,
    CommentDrillEvent,
    ReviewDrillEvent,
    PushDrillEvent,
    MergeDrillEvent,
    CloseDrillEvent,
    CheckDrillEvent,
    WaitDrillEvent,
  ],
  { error: `expected an event: a map with one of the keys ${DRILL_EVENT_KINDS.join(", ")}` },
);
export type DrillEvent = z.infer<typeof DrillEvent>;

/** Which kind an event is, from its kind key. */
export const drillEventKind = (event: DrillEvent): DrillEventKind =>
  DRILL_EVENT_KINDS.find((kind) => kind in event) ?? "wait";
