/** GitHub's secondary limits on content-creating requests, per installation. */
export interface WriteLimits {
  perMinute: number;
  perHour: number;
}

export const GITHUB_CONTENT_LIMITS: WriteLimits = { perMinute: 80, perHour: 500 };

/**
 * What alert incidents may use: GitHub's limits minus a reserve, so a rollback pull request or a
 * diagnosis comment in the same installation is not starved by an alert storm.
 */
export const ALERT_WRITE_LIMITS: WriteLimits = { perMinute: 70, perHour: 450 };

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** When the oldest writes of a sliding window have aged out enough for one more to fit. */
const windowOpensAt = (times: readonly number[], now: number, span: number, limit: number): number => {
  const inWindow = times.filter((t) => t > now - span);
  if (inWindow.length < limit) return now;
  return inWindow[inWindow.length - limit]! + span;
};

/**
 * The earliest time (epoch ms, never before `now`) at which one more write keeps both sliding
 * windows (a minute, an hour) within `limits`. `times` are the installation's recent writes,
 * oldest first.
 */
export const nextWriteAt = (times: readonly number[], now: number, limits: WriteLimits): number =>
  Math.max(now, windowOpensAt(times, now, MINUTE, limits.perMinute), windowOpensAt(times, now, HOUR, limits.perHour));

/** The most writes any sliding window of `span` ms held: what a benchmark reports against the limits. */
export const peakInWindow = (times: readonly number[], span: number): number => {
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while (times[end]! - times[start]! >= span) start += 1;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
};
