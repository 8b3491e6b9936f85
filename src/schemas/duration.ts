import { z } from "zod";

/** A whole number of seconds, minutes, hours or days: `90s`, `5m`, `1h`, `2d`. */
export const DURATION_PATTERN = /^(\d+)(s|m|h|d)$/;

export const Duration = z.string().regex(DURATION_PATTERN, { error: 'expected a duration such as "90s", "5m", "1h" or "2d"' });
export type Duration = z.infer<typeof Duration>;

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Milliseconds in a duration already validated by `Duration`. */
export const durationMs = (duration: string): number => {
  const match = DURATION_PATTERN.exec(duration);
  if (!match) throw new RangeError(`not a duration: ${duration}`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
};
