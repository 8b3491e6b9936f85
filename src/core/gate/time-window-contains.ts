import type { TimeWindow } from "../../schemas/time-window.js";

type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
const DAYS: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const SHORT: Record<string, Weekday> = { Sun: "sun", Mon: "mon", Tue: "tue", Wed: "wed", Thu: "thu", Fri: "fri", Sat: "sat" };

// Building a formatter is the expensive part; one per zone is kept for the process's life.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (zone: string): Intl.DateTimeFormat => {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formatters.set(zone, f);
  }
  return f;
};

/** The wall clock in `zone` at `now`: weekday and minutes since local midnight (DST included). */
export const localClock = (now: Date, zone: string): { day: Weekday; minutes: number } => {
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(now).map((p) => [p.type, p.value]));
  const day = SHORT[parts["weekday"] ?? ""];
  if (!day) throw new Error(`cannot read the weekday in ${zone}`);
  return { day, minutes: Number(parts["hour"]) * 60 + Number(parts["minute"]) };
};

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const previous = (day: Weekday): Weekday => DAYS[(DAYS.indexOf(day) + 6) % 7]!;

/**
 * Whether `now` falls in the window. Weekly windows follow the local wall clock of their zone, so
 * `09:00–17:00 Europe/Berlin` stays 09:00–17:00 across DST. `days` are the days a window starts:
 * when `end` is not after `start` it runs overnight into the next day (equal times: 24 hours).
 */
export const windowContains = (window: TimeWindow, now: Date): boolean => {
  if (!("days" in window)) return now.getTime() >= Date.parse(window.from) && now.getTime() < Date.parse(window.until);
  const { day, minutes } = localClock(now, window.timezone);
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  const days: readonly string[] = window.days;
  if (end > start) return days.includes(day) && minutes >= start && minutes < end;
  return (days.includes(day) && minutes >= start) || (days.includes(previous(day)) && minutes < end);
};
