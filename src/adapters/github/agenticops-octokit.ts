import Bottleneck from "bottleneck";
import { ProbotOctokit } from "probot";

/** GitHub's secondary limit on content creation: 80 requests a minute per installation. */
export const WRITES_PER_MINUTE = 80;
/** The longest wait the bot accepts inside one webhook delivery; longer limits fail the delivery. */
export const MAX_RETRY_AFTER_S = 60;
const MAX_RETRIES = 2;

interface RetryOptions {
  method: string;
  url: string;
}
interface LoggingOctokit {
  log: { warn: (message: string) => void };
}

// One pacer per process, keyed by installation: limits are per installation, not per webhook.
const writes = new Bottleneck.Group({
  maxConcurrent: 1,
  reservoir: WRITES_PER_MINUTE,
  reservoirRefreshAmount: WRITES_PER_MINUTE,
  reservoirRefreshInterval: 60_000,
});

const retryWithin =
  (kind: string) =>
  (retryAfter: number, options: RetryOptions, octokit: LoggingOctokit, retryCount: number): boolean => {
    const retry = retryCount < MAX_RETRIES && retryAfter <= MAX_RETRY_AFTER_S;
    octokit.log.warn(`${kind} rate limit on ${options.method} ${options.url}: ${retry ? `retrying in ${retryAfter} s` : "giving up"}`);
    return retry;
  };

/**
 * Probot's Octokit with the throttling the bot needs. Probot only logs secondary rate limits and
 * spaces every write one second apart; the bot instead retries both kinds of rate limit when
 * GitHub asks for a short wait, and paces writes (notifying ones too) serially under GitHub's
 * documented 80 content-creating requests per minute,
 * so a six-write rollback is not a six-second rollback.
 */
export const AgenticOpsOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => {
  const throttle = (options["throttle"] ?? {}) as Record<string, unknown>;
  if (throttle["enabled"] === false) return options;
  const auth = (options["auth"] ?? {}) as { installationId?: number | string };
  return {
    ...options,
    throttle: {
      ...throttle,
      id: `installation-${auth.installationId ?? "app"}`,
      // Writes that notify people (pull requests, reviews, comments) are content creation too:
      // same serial pacer instead of the plugin's three seconds apart.
      write: writes,
      notifications: writes,
      onSecondaryRateLimit: retryWithin("secondary"),
      onRateLimit: retryWithin("primary"),
    },
  };
});
