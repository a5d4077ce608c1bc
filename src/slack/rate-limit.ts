import { ErrorCode } from "@slack/web-api";

/**
 * Slack's rate limits and the two Web API clients. Bolt's own client pauses
 * its whole queue for the Retry-After of any 429, so one rate-limited background call would hold
 * every views.open behind it and let the trigger_ids (3 s) expire. Listeners therefore use Bolt's
 * client only for the interactive calls (views.open/update/push; respond() posts to response_url
 * on its own); everything else goes through the background client, which rejects a rate-limited
 * call at once (`rejectRateLimitedCalls`), and the caller reschedules it by the Retry-After.
 */

/** The seconds Slack asked to wait, if `error` is a rate-limited call of the background client. */
export function retryAfterSeconds(error: unknown): number | null {
  const e = error as { code?: unknown; retryAfter?: unknown } | null;
  if (e?.code !== ErrorCode.RateLimitedError) return null;
  return typeof e.retryAfter === "number" && Number.isFinite(e.retryAfter) && e.retryAfter >= 0 ? e.retryAfter : 1;
}

export interface RetryAfterOptions {
  /** Tries in all (default 3). */
  attempts?: number;
  /** A longer Retry-After than this is not waited for: the error is passed on (default 30 s). */
  maxWaitMs?: number;
}

/**
 * Runs `call`; when Slack answers 429, waits the Retry-After and tries again. For background work a
 * listener does after its ack and cannot hand to the outbox (a file upload with an export the
 * person is waiting for); it never touches the interactive client.
 */
export async function withRetryAfter<T>(call: () => Promise<T>, options: RetryAfterOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 3;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const seconds = retryAfterSeconds(error);
      if (seconds === null || attempt >= attempts || seconds * 1_000 > maxWaitMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
    }
  }
}
