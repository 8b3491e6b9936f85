/**
 * GitHub's secondary rate limits answer 403/429 with `retry-after`; its docs ask clients to wait
 * that long and retry. Probot's throttling only logs them, so the adapter retries here, a bounded
 * number of times and only for short waits (longer ones fail the delivery, which GitHub can redeliver).
 */
export const MAX_RATE_LIMIT_RETRIES = 2;
export const MAX_RETRY_AFTER_S = 60;

const retryAfterSeconds = (error: unknown): number | null => {
  if (typeof error !== "object" || error === null) return null;
  const { status, response } = error as { status?: number; response?: { headers?: Record<string, string | undefined> } };
  if (status !== 403 && status !== 429) return null;
  const raw = response?.headers?.["retry-after"];
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  const seconds = Number(raw);
  return seconds <= MAX_RETRY_AFTER_S ? seconds : null;
};

export const withRateLimitRetry = async <T>(
  call: () => Promise<T>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> => {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const wait = retryAfterSeconds(error);
      if (wait === null || attempt >= MAX_RATE_LIMIT_RETRIES) throw error;
      await sleep(wait * 1000);
    }
  }
};
