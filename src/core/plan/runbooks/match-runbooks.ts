import type { Runbook } from "../../../schemas/runbook.js";
import type { RunbookFacts } from "../../../schemas/runbook-facts.js";
import { matcherRegex, type RunbookTrigger } from "../../../schemas/runbook-trigger.js";

export interface RunbookMatch {
  runbook: Runbook;
  matches: boolean;
  /** index of the first matching trigger; null when none matches */
  trigger: number | null;
  /** why it matches (each constraint of that trigger), or why each trigger does not */
  reasons: string[];
}

type Verdict = { ok: true; reason: string } | { ok: false; reason: string };

const list = <T>(value: T | T[] | undefined): T[] | undefined => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

const fits = (matcher: string, value: string): boolean => {
  const regex = matcherRegex(matcher);
  return regex === null ? matcher === value : !(regex instanceof Error) && regex.test(value);
};

/** One constraint: the fact must be present and fit one of the matchers. */
const constraint = (what: string, matchers: readonly string[] | undefined, value: string | null | undefined): Verdict | null => {
  if (matchers === undefined) return null;
  const wanted = matchers.join(" or ");
  if (value === null || value === undefined) return { ok: false, reason: `no ${what} is known (wanted ${wanted})` };
  const hit = matchers.find((m) => fits(m, value));
  return hit ? { ok: true, reason: `${what} ${value} matches ${hit}` } : { ok: false, reason: `${what} is ${value}, not ${wanted}` };
};

const verdicts = (trigger: RunbookTrigger, facts: RunbookFacts): Array<Verdict | null> => [
  trigger.signal === facts.signal ? { ok: true, reason: `signal ${facts.signal}` } : { ok: false, reason: `signal is ${facts.signal}, not ${trigger.signal}` },
  constraint("alert", list(trigger.alert), facts.alert?.name),
  ...Object.entries(trigger.labels ?? {}).map(([label, matcher]) => constraint(`label ${label}`, [matcher], facts.alert?.labels[label])),
  constraint("workflow", list(trigger.workflow), facts.workflow),
  constraint("environment", list(trigger.environment), facts.environment),
  constraint("cause", list(trigger.cause), facts.cause),
];

/** Whether one trigger matches: every constraint it gives must hold. */
export const matchTrigger = (trigger: RunbookTrigger, facts: RunbookFacts): { matches: boolean; reasons: string[] } => {
  const given = verdicts(trigger, facts).filter((v): v is Verdict => v !== null);
  const failure = given.find((v) => !v.ok);
  return failure ? { matches: false, reasons: [failure.reason] } : { matches: true, reasons: given.map((v) => v.reason) };
};

/** Which runbooks apply to an incident, in the order given, each with its reasons. */
export const matchRunbooks = (runbooks: readonly Runbook[], facts: RunbookFacts): RunbookMatch[] =>
  runbooks.map((runbook) => {
    const results = runbook.triggers.map((t) => matchTrigger(t, facts));
    const index = results.findIndex((r) => r.matches);
    if (index >= 0) return { runbook, matches: true, trigger: index, reasons: (results[index]?.reasons ?? []).map((r) => `triggers[${index}]: ${r}`) };
    return { runbook, matches: false, trigger: null, reasons: results.map((r, i) => `triggers[${i}]: ${r.reasons.join("; ")}`) };
  });
