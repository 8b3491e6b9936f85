import type { TimeWindow } from "./time-window.js";

/** True when the runtime knows the IANA zone; a typo would otherwise throw at evaluation time. */
export const isKnownTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** Problems a TimeWindow's shape cannot catch: unknown zones, ranges that end before they start. */
export const timeWindowProblems = (window: TimeWindow): string[] => {
  if ("days" in window) return isKnownTimeZone(window.timezone) ? [] : [`unknown time zone "${window.timezone}"; use an IANA name such as Europe/Berlin`];
  return Date.parse(window.until) > Date.parse(window.from) ? [] : [`"until" (${window.until}) must be after "from" (${window.from})`];
};
