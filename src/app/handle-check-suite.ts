import type { Context } from "probot";
import { CheckSuiteEvent } from "../schemas/check-suite-event.js";
import { senseCheckSuite } from "../core/sense/sense-check-suite.js";
import type { AppOptions } from "./app-options.js";
import { handleFailure } from "./handle-failure.js";

/** `check_suite.completed` failing on the default branch (third-party CI): main is broken. */
export const handleCheckSuite = (options: AppOptions) => async (context: Context<"check_suite.completed">) => {
  const parsed = CheckSuiteEvent.safeParse(context.payload);
  if (!parsed.success) {
    context.log.warn({ delivery: context.id, issues: parsed.error.issues.slice(0, 5) }, "check_suite payload not understood; ignored");
    return;
  }
  await handleFailure(context, options, (_config, meta) => senseCheckSuite(parsed.data, meta));
};
