import { z } from "zod";
import { CauseClass } from "./diagnosis.js";
import { RunbookSignal } from "./runbook-facts.js";

/**
 * `/…/` (optionally followed by flags `i`, `m`, `s`, `u`) is a regular expression that must match
 * the whole value, like Alertmanager's `=~`; anything else must equal the value exactly.
 */
const REGEX_MATCHER = /^\/(.+)\/([imsu]*)$/s;

/** The anchored expression of a `/…/` matcher; null for an exact matcher; an Error when it does not compile. */
export const matcherRegex = (matcher: string): RegExp | Error | null => {
  const match = REGEX_MATCHER.exec(matcher);
  if (!match) return null;
  try {
    new RegExp(match[1] ?? "", match[2]); // compiled alone first, so an error quotes the user's own pattern
    return new RegExp(`^(?:${match[1]})$`, match[2]);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
};

const Matcher = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    const regex = matcherRegex(text);
    if (regex instanceof Error) ctx.addIssue({ code: "custom", message: `the regular expression does not compile: ${regex.message}`, input: text });
  });

const oneOrMany = <T extends z.ZodType>(item: T, what: string) =>
  z.union([item, z.array(item).min(1)], { error: `expected ${what} or a list of them` });

/** Keys that only some signals carry: an alert has no workflow, a CI failure no labels. */
const SIGNALS_OF = { alert: ["alert"], labels: ["alert"], workflow: ["deploy-failure", "ci-failure"] } as const;

/**
 * When a runbook applies. Every key given must match (and); a runbook applies when any of its
 * triggers does (or). Lists within a key mean any of them.
 */
export const RunbookTrigger = z
  .strictObject({
    signal: RunbookSignal,
    /** alert names (`alertname`), exact or `/regex/` */
    alert: oneOrMany(Matcher, "an alert name").optional(),
    /** alert labels that must be present and match, exact or `/regex/` */
    labels: z.record(z.string().min(1), Matcher).optional(),
    workflow: oneOrMany(Matcher, "a workflow name").optional(),
    environment: oneOrMany(Matcher, "an environment name").optional(),
    /** the diagnosis' cause classes */
    cause: oneOrMany(CauseClass, "a cause class").optional(),
  })
  .superRefine((trigger, ctx) => {
    for (const [key, signals] of Object.entries(SIGNALS_OF) as Array<[keyof typeof SIGNALS_OF, readonly string[]]>) {
      if (trigger[key] === undefined || signals.includes(trigger.signal)) continue;
      const message = `"${key}" applies to ${signals.join(" and ")} triggers only; this trigger's signal is ${trigger.signal}`;
      ctx.addIssue({ code: "custom", path: [key], message, input: trigger[key] });
    }
  });
export type RunbookTrigger = z.infer<typeof RunbookTrigger>;
