import { z } from "zod";

const Weekday = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day such as 18:00");

/**
 * A period during which changes need a human (freeze windows) or may not start (runbook
 * preconditions). Either a weekly recurrence in a time zone, or an absolute range.
 */
export const TimeWindow = z.union([
  z.strictObject({
    name: z.string().min(1),
    /** days on which the window starts; it may run past midnight when `end` is before `start` */
    days: z.array(Weekday).min(1),
    start: ClockTime,
    end: ClockTime,
    /** IANA time zone, e.g. Europe/Berlin */
    timezone: z.string().min(1).default("UTC"),
  }),
  z.strictObject({
    name: z.string().min(1),
    from: z.iso.datetime({ offset: true }),
    until: z.iso.datetime({ offset: true }),
  }),
]);
export type TimeWindow = z.infer<typeof TimeWindow>;
