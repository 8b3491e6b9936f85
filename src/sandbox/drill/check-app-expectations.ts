import type { DrillExpect, LogExpectation } from "../../schemas/drill-expect.js";
import type { Expectation } from "../../schemas/simulation-result.js";
import { asList, expectation, plural, quoted } from "./expectation-text.js";
import type { CapturedLog } from "./log-capture.js";

const LEVELS: Record<NonNullable<LogExpectation["level"]>, number> = { debug: 20, info: 30, warn: 40, error: 50 };

const describeLog = (wanted: LogExpectation): string => {
  const contains = asList(wanted.contains);
  return `${wanted.level ? `${wanted.level} ` : ""}log line ${quoted(wanted.message, 80)}${contains.length > 0 ? ` with ${contains.map((c) => quoted(c)).join(", ")}` : ""}`;
};

/** Each expected line: some line has the message, the level and every string in its fields. */
export const checkLogs = (wanted: DrillExpect["logs"], logs: readonly CapturedLog[] | undefined): Expectation[] =>
  (wanted ?? []).map((w) => {
    const named = (logs ?? []).filter((l) => l.msg === w.message);
    const matching = named.filter((l) => (w.level === undefined || l.level === LEVELS[w.level]) && asList(w.contains).every((c) => JSON.stringify(l).includes(c)));
    const got = logs === undefined ? "logs not captured" : `${plural(named.length, "line")} with that message`;
    return expectation(`${describeLog(w)} (got ${got})`, matching.length > 0, named.length > 0 ? named.slice(0, 3) : undefined);
  });

/** The alert journal at the end: how many notifications it recorded, how many are not written yet. */
export const checkAlertJournal = (wanted: DrillExpect["alerts"], stats: { journaled: number; pending: number } | undefined): Expectation[] => {
  const out: Expectation[] = [];
  if (wanted?.journaled !== undefined) {
    const got = stats?.journaled;
    out.push(expectation(`${plural(wanted.journaled, "alert notification")} journaled (got ${got ?? "no intake"})`, got === wanted.journaled));
  }
  if (wanted?.pending !== undefined) {
    const got = stats?.pending;
    out.push(expectation(`${plural(wanted.pending, "accepted alert notification")} not yet written (got ${got ?? "no intake"})`, got === wanted.pending));
  }
  return out;
};
