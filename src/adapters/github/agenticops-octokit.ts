import Bottleneck from "bottleneck";
import { ProbotOctokit } from "probot";
import { WriteLedger } from "../../core/act/write-ledger.js";
import { systemClock } from "../../ports/clock.js";

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

// One pacer per process, keyed by GitHub host and installation: limits are per installation (of
// one GitHub), not per webhook.
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
 * Every content-creating request of each installation, process-wide like the pacer: alert
 * incident writes are budgeted against it, so they leave room for what else the bot writes.
 */
export const installationWrites = new WriteLedger(systemClock);

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

interface HookedOctokit {
  hook: { before: (name: "request", hook: (options: { method: string; url: string }) => void) => void };
}

/**
 * Counts the writes of installation clients in `options.writeLedger` (the process ledger unless
 * given, e.g. a benchmark's on virtual time). Token exchanges and GraphQL queries are not content.
 */
const countWrites = (octokit: HookedOctokit, options: { writeLedger?: WriteLedger; auth?: { installationId?: number | string } }): void => {
  const installation = options.auth?.installationId;
  if (installation === undefined) return;
  const ledger = options.writeLedger ?? installationWrites;
  octokit.hook.before("request", ({ method, url }) => {
    if (READ_METHODS.has(method.toUpperCase()) || url.endsWith("/access_tokens") || url === "/graphql") return;
    ledger.record(installation);
  });
};

/**
 * Probot's Octokit with the throttling the bot needs. Probot only logs secondary rate limits and
 * spaces every write one second apart; the bot instead retries both kinds of rate limit when
 * GitHub asks for a short wait, and paces writes (notifying ones too) serially under GitHub's
 * documented 80 content-creating requests per minute,
 * so a six-write rollback is not a six-second rollback.
 */
export const AgenticOpsOctokit = ProbotOctokit.plugin(countWrites).defaults((options: Record<string, unknown>) => {
  const throttle = (options["throttle"] ?? {}) as Record<string, unknown>;
  if (throttle["enabled"] === false) return options;
  const auth = (options["auth"] ?? {}) as { installationId?: number | string };
  return {
    ...options,
    throttle: {
      ...throttle,
      // the host too: an installation id means nothing across GitHub Enterprise servers (or sandboxes)
      id: `${String(options["baseUrl"] ?? "https://api.github.com")}#installation-${auth.installationId ?? "app"}`,
      // Writes that notify people (pull requests, reviews, comments) are content creation too:
      // same serial pacer instead of the plugin's three seconds apart.
      write: writes,
      notifications: writes,
      onSecondaryRateLimit: retryWithin("secondary"),
      onRateLimit: retryWithin("primary"),
    },
  };
});
