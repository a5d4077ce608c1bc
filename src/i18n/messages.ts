import { defaultLocale, type Locale, type Topic } from "../domain/types.ts";
import { de, type Messages } from "./de.ts";
import { en } from "./en.ts";

export function messages(locale: Locale): Messages {
  return locale === "en" ? en : de;
}

/** Slack locales are IETF tags ("en-US", "de-DE"); English ones get English, everything else German. */
export function localeFromSlack(slackLocale?: string | null): Locale {
  return slackLocale && /^en(-|_|$)/i.test(slackLocale) ? "en" : defaultLocale;
}

/** A topic's label in the reader's language; English falls back to German where the programme file has none. */
export function labelIn(topic: Pick<Topic, "labelDe" | "labelEn">, locale: Locale): string {
  return locale === "en" ? topic.labelEn || topic.labelDe : topic.labelDe;
}
