import { defaultLocale, type Locale } from "../domain/types.ts";
import { de, type Messages } from "./de.ts";
import { en } from "./en.ts";

export function messages(locale: Locale): Messages {
  return locale === "en" ? en : de;
}

/** Slack locales are IETF tags ("en-US", "de-DE"); English ones get English, everything else German. */
export function localeFromSlack(slackLocale?: string | null): Locale {
  return slackLocale && /^en(-|_|$)/i.test(slackLocale) ? "en" : defaultLocale;
}
