import type { TimeWindow } from "../../schemas/time-window.js";

const DAY_MS = 86_400_000;

/** Weekday and minute of the day of `at` on the wall clock of `timezone`. */
const wallClock = (at: Date, timezone: string): { day: string; minute: number } => {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: timezone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { day: part("weekday").slice(0, 3).toLowerCase(), minute: Number(part("hour")) * 60 + Number(part("minute")) };
};

const minutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * Whether `at` falls inside the window. A weekly window starts on each listed day at `start` (in
 * its time zone) and ends at `end`, the next day when `end` is not after `start`; an absolute
 * window is [from, until). An unknown time zone throws a RangeError (validated config never has one).
 */
export const timeWindowContains = (window: TimeWindow, at: Date): boolean => {
  if ("from" in window) return Date.parse(window.from) <= at.getTime() && at.getTime() < Date.parse(window.until);
  const start = minutes(window.start);
  const end = minutes(window.end);
  const today = wallClock(at, window.timezone);
  const days: readonly string[] = window.days;
  if (end > start) return days.includes(today.day) && today.minute >= start && today.minute < end;
  if (days.includes(today.day) && today.minute >= start) return true;
  const yesterday = wallClock(new Date(at.getTime() - DAY_MS), window.timezone).day;
  return days.includes(yesterday) && today.minute < end;
};
