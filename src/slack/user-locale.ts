import type { WebClient } from "@slack/web-api";
import type { PersonLocalePort } from "../domain/ports/person-locale.ts";
import { defaultLocale, type Locale } from "../domain/types.ts";
import { localeFromSlack } from "../i18n/index.ts";
import type { Logger } from "../logger.ts";
import { retryAfterSeconds } from "./rate-limit.ts";

const dayMs = 86_400_000;
/** The longest a listener waits for the locale before using German (a modal's ack is waiting). */
const answerWithinMs = 1_000;

/**
 * The one place that says which language a person reads. `patient`: the outbox, which no ack
 * waits on, takes the answer however long Slack needs; listeners get German after a second.
 */
export type LocaleOf = (slackId: string, options?: { patient?: boolean }) => Promise<Locale>;

/**
 * Slack puts no locale in command or action payloads. A person's locale is asked with users.info
 * at most once a day: kept in memory here, and on the person's row with when it was asked (so
 * the other replicas and a restarted process use it without asking again). If Slack is slow or
 * down, the last stored answer, else German, the programme's language.
 */
export function createLocaleResolver(
  client: WebClient,
  people: PersonLocalePort,
  logger: Logger,
  clock: () => Date = () => new Date(),
): LocaleOf {
  const cache = new Map<string, { locale: Locale; at: number }>();
  const inFlight = new Map<string, Promise<Locale>>();
  // users.info rate-limited: no lookups until Slack's Retry-After has passed (real time, not the
  // injectable clock), so a 429 is not answered with more calls; `client` rejects it at once.
  let pausedUntil = 0;

  async function lookUp(slackId: string): Promise<Locale> {
    const stored = await people.storedLocale(slackId).catch((error: { code?: string }) => {
      logger.warn({ code: error.code }, "could not read the stored locale");
      return null;
    });
    const now = clock().getTime();
    if (stored?.checkedAt && now - stored.checkedAt.getTime() < dayMs) {
      cache.set(slackId, { locale: stored.locale, at: stored.checkedAt.getTime() });
      return stored.locale;
    }
    if (Date.now() < pausedUntil) return stored?.locale ?? defaultLocale;
    try {
      const response = await client.users.info({ user: slackId, include_locale: true });
      const locale = localeFromSlack(response.user?.locale);
      cache.set(slackId, { locale, at: clock().getTime() });
      // Storing it is a side effect: the answer (and a modal's 3-second ack) never waits on the database.
      void people.rememberLocale(slackId, locale, clock()).catch((error: { code?: string }) => {
        logger.warn({ code: error.code }, "could not store the locale");
      });
      return locale;
    } catch (error) {
      const seconds = retryAfterSeconds(error);
      if (seconds !== null) pausedUntil = Date.now() + seconds * 1_000;
      logger.warn({ code: (error as { code?: string }).code, ...(seconds !== null ? { retryAfter: seconds } : {}) }, "users.info failed; using the stored locale or German");
      return stored?.locale ?? defaultLocale;
    }
  }

  return async (slackId, options) => {
    const hit = cache.get(slackId);
    if (hit && clock().getTime() - hit.at < dayMs) return hit.locale;
    let pending = inFlight.get(slackId);
    if (!pending) {
      pending = lookUp(slackId).finally(() => inFlight.delete(slackId));
      inFlight.set(slackId, pending);
    }
    if (options?.patient) return pending;
    // Slow Slack or database: answer now (a modal's ack is waiting); the lookup still lands in the cache.
    let timer: NodeJS.Timeout | undefined;
    const fallback = new Promise<Locale>((resolve) => {
      timer = setTimeout(resolve, answerWithinMs, hit?.locale ?? defaultLocale);
    });
    try {
      return await Promise.race([pending, fallback]);
    } finally {
      clearTimeout(timer);
    }
  };
}
