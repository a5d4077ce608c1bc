import type { Prisma } from "./client.ts";
import { toLocale } from "./map-rows.ts";
import type { PersonLocalePort } from "../domain/ports/person-locale.ts";

/** The language Slack last told for a person, on their row (src/slack/user-locale.ts decides when to ask). */
export function personLocale(prisma: Prisma): PersonLocalePort {
  return {
    async rememberLocale(slackId, locale, checkedAt) {
      await prisma.person.updateMany({ where: { slackId }, data: { locale, localeCheckedAt: checkedAt } });
    },
    async storedLocale(slackId) {
      const person = await prisma.person.findUnique({ where: { slackId }, select: { locale: true, localeCheckedAt: true } });
      const locale = toLocale(person?.locale ?? null);
      return locale ? { locale, checkedAt: person?.localeCheckedAt ?? null } : null;
    },
  };
}
