import type { Prisma } from "./client.ts";
import { toLocale } from "./map-rows.ts";
import type { PersonLocalePort } from "../domain/ports/person-locale.ts";

/**
 * The language Slack last told for a person, on their row (src/slack/user-locale.ts decides when to ask).
 * Raw statements: a listener asks this for every person it meets first, and Prisma's model calls
 * compile each query anew (and wrap an update in BEGIN/COMMIT), which costs more CPU than the read.
 */
export function personLocale(prisma: Prisma): PersonLocalePort {
  return {
    async rememberLocale(slackId, locale, checkedAt) {
      await prisma.$executeRaw`UPDATE people SET locale = ${locale}, locale_checked_at = ${checkedAt} WHERE slack_id = ${slackId}`;
    },
    async storedLocale(slackId) {
      const [person] = await prisma.$queryRaw<Array<{ locale: string | null; checked_at: Date | null }>>`
        SELECT locale, locale_checked_at AS checked_at FROM people WHERE slack_id = ${slackId}`;
      const locale = toLocale(person?.locale ?? null);
      return locale ? { locale, checkedAt: person?.checked_at ?? null } : null;
    },
  };
}
