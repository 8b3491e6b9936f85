import { z } from "zod";
import { Duration } from "./duration.js";
import { TimeWindow } from "./time-window.js";
import { timeWindowProblems } from "./time-window-problems.js";

/** Text that may contain `{{ … }}` templates (see runbooks/README.md). */
export const Template = z.string().min(1);

const Bound = z.number().optional();
const hasBound = (v: { min?: number | undefined; max?: number | undefined }): boolean => v.min !== undefined || v.max !== undefined;
const BOUND_ERROR = { error: "give min, max or both" };

const checkWindows = (value: { windows: TimeWindow[] }, ctx: z.RefinementCtx): void =>
  value.windows.forEach((w, i) => {
    for (const message of timeWindowProblems(w)) ctx.addIssue({ code: "custom", path: ["windows", i, "days" in w ? "timezone" : "until"], message, input: w });
  });

/**
 * One check that must hold before a runbook plans anything, written as a map with a single key.
 * Checks over facts only run before parameters are filled; checks naming `params.` after.
 */
export const RunbookPrecondition = z.union(
  [
    /** a last good commit is known (facts.last_good) */
    z.strictObject({ last_good_exists: z.literal(true) }),
    /** the file exists in the repository at the failing commit */
    z.strictObject({ file_exists: z.strictObject({ path: Template }) }),
    /** some YAML document of `file` has a value at `path` (`spec.template.spec.containers[name=web].resources`) */
    z.strictObject({ key_exists: z.strictObject({ file: Template, path: Template }) }),
    /** the number at `path` in `file` is within [min, max] (e.g. an HPA's maxReplicas below a ceiling) */
    z.strictObject({ key_within: z.strictObject({ file: Template, path: Template, min: Bound, max: Bound }).refine(hasBound, BOUND_ERROR) }),
    /** `value` renders to a number within [min, max] */
    z.strictObject({ value_within: z.strictObject({ value: Template, min: Bound, max: Bound }).refine(hasBound, BOUND_ERROR) }),
    /** `value` renders to a non-empty list or text (e.g. `{{ facts.range_commits }}`) */
    z.strictObject({ non_empty: Template }),
    /** `now` is outside every window (e.g. business hours, a release freeze) */
    z.strictObject({ outside_windows: z.strictObject({ windows: z.array(TimeWindow).min(1) }).superRefine(checkWindows) }),
    /** the failing version was deployed at most this long ago (facts.deployed_at) */
    z.strictObject({ deployed_within: Duration }),
  ],
  { error: `expected one precondition: ${["last_good_exists", "file_exists", "key_exists", "key_within", "value_within", "non_empty", "outside_windows", "deployed_within"].join(", ")}` },
);
export type RunbookPrecondition = z.infer<typeof RunbookPrecondition>;
