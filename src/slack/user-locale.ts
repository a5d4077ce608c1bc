import type { WebClient } from "@slack/web-api";
import type { SparringService } from "../domain/service.ts";
import type { Locale } from "../domain/types.ts";
import type { Logger } from "../logger.ts";
import { retryAfterSeconds } from "./rate-limit.ts";

const dayMs = 86_400_000;
/** The longest a listener waits for users.info before using German. */
const answerWithinMs = 1_000;

export type LocaleOf = (slackId: string) => Promise<Locale>;

/**
 * Slack puts no locale in command or action payloads: ask users.info once a day per person and
 * keep the answer in memory (and on the person's row, for the outbox worker and other replicas).
 * If Slack is slow or down, German, the programme's language, is the answer.
 */
export function createLocaleResolver(
  client: WebClient,
  service: SparringService,
  logger: Logger,
  clock: () => Date = () => new Date(),
): LocaleOf {
  const cache = new Map<string, { locale: Locale; at: number }>();
  const inFlight = new Map<string, Promise<Locale>>();
  // users.info rate-limited: no lookups until Slack's Retry-After has passed (real time, not the
  // injectable clock), so a 429 is not answered with more calls; `client` rejects it at once.
  let pausedUntil = 0;

  async function lookUp(slackId: string): Promise<Locale> {
    try {
      const response = await client.users.info({ user: slackId, include_locale: true });
      const locale: Locale = response.user?.locale?.toLowerCase().startsWith("en") ? "en" : "de";
      cache.set(slackId, { locale, at: clock().getTime() });
      // Storing it is a side effect: the answer (and a modal's 3-second ack) never waits on the database.
      void service.rememberLocale(slackId, locale, clock()).catch((error: { code?: string }) => {
        logger.warn({ code: error.code }, "could not store the locale");
      });
      return locale;
    } catch (error) {
      const seconds = retryAfterSeconds(error);
      if (seconds !== null) pausedUntil = Date.now() + seconds * 1_000;
      logger.warn({ code: (error as { code?: string }).code, ...(seconds !== null ? { retryAfter: seconds } : {}) }, "users.info failed; using German");
      return "de";
    }
  }

  return async (slackId) => {
    const hit = cache.get(slackId);
    if (hit && clock().getTime() - hit.at < dayMs) return hit.locale;
    if (Date.now() < pausedUntil) return hit?.locale ?? "de";
    let pending = inFlight.get(slackId);
    if (!pending) {
      pending = lookUp(slackId).finally(() => inFlight.delete(slackId));
      inFlight.set(slackId, pending);
    }
    // Slow Slack: answer in German now (a modal's ack is waiting); the lookup still lands in the cache.
    let timer: NodeJS.Timeout | undefined;
    const fallback = new Promise<Locale>((resolve) => {
      timer = setTimeout(resolve, answerWithinMs, "de");
    });
    try {
      return await Promise.race([pending, fallback]);
    } finally {
      clearTimeout(timer);
    }
  };
}
