import { z } from "zod";
import { ActionKind } from "./action-proposal.js";
import { BOUND_LIMITS, Glob, TeamSlug } from "./policy-rule.js";
import { timeWindowProblems } from "./time-window-problems.js";
import { TimeWindow } from "./time-window.js";

/** A repository's own limits; each may only lower the organisation's. */
export const RepoBounds = z.strictObject(BOUND_LIMITS);
export type RepoBounds = z.infer<typeof RepoBounds>;

/**
 * The `policy:` section of `.github/agenticops.yml`. It can only tighten the organisation's
 * policies (the app's `policies/`): what would loosen them is reported and ignored.
 */
export const RepoPolicy = z
  .strictObject({
    /** globs the bot never touches in this repository, on top of the organisation's */
    protected_paths: z.array(Glob).default([]),
    /** a subset of the actions the organisation allows */
    allowed_actions: z.array(ActionKind).optional(),
    bounds: RepoBounds.optional(),
    /** more change freezes */
    freeze_windows: z.array(TimeWindow).default([]),
    /** `deny` refuses changes inside this repository's freeze windows instead of asking for approval */
    freeze_verdict: z.enum(["needs-approval", "deny"]).default("needs-approval"),
    approvals: z
      .strictObject({
        count: z.number().int().nonnegative().optional(),
        teams: z.array(TeamSlug).default([]),
        codeowners: z.boolean().optional(),
      })
      .optional(),
    /** at most this many actions per incident */
    step_budget: z.number().int().nonnegative().optional(),
    /** at most this many bot actions per hour in this repository */
    rate_limit: z.number().int().nonnegative().optional(),
    /** `false` withdraws every automerge grant here; a repository cannot grant automerge itself */
    automerge: z.boolean().optional(),
  })
  .superRefine((policy, ctx) => {
    policy.freeze_windows.forEach((w, i) => {
      for (const message of timeWindowProblems(w)) ctx.addIssue({ code: "custom", path: ["freeze_windows", i, "days" in w ? "timezone" : "until"], message });
    });
  });
export type RepoPolicy = z.infer<typeof RepoPolicy>;
