import type { Locale } from "../types.ts";

/**
 * A person's language as Slack last told it (users.info), kept on their row with when it was
 * asked, so the outbox worker and other replicas know it without asking Slack again.
 */
export interface PersonLocalePort {
  rememberLocale(slackId: string, locale: Locale, checkedAt: Date): Promise<void>;
  /** null: unknown person, or never asked. */
  storedLocale(slackId: string): Promise<{ locale: Locale; checkedAt: Date | null } | null>;
}
