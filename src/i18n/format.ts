import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { de as deLocale, enGB } from "date-fns/locale";
import type { Locale } from "../domain/types.ts";

/** Dates are always shown in the programme's time zone, whatever the server runs in. */
function inZone(date: Date, timezone: string): TZDate {
  return new TZDate(date.getTime(), timezone);
}

/** "Mo., 07.12.2026, 10:00 Uhr" / "Mon, 7 Dec 2026, 10:00". */
export function formatDateTime(date: Date, timezone: string, locale: Locale): string {
  return locale === "de"
    ? format(inZone(date, timezone), "EEE, dd.MM.yyyy, HH:mm 'Uhr'", { locale: deLocale })
    : format(inZone(date, timezone), "EEE, d MMM yyyy, HH:mm", { locale: enGB });
}

/**
 * A date and time as a Slack date token: each reader sees it in their own time zone, and Slack says
 * "today" / "tomorrow" only when it is (a Friday reminder for Monday names Monday). The fallback,
 * for clients that cannot render tokens, names weekday and date in the programme's zone.
 */
export function slackDateTime(date: Date, timezone: string, locale: Locale): string {
  const seconds = Math.floor(date.getTime() / 1000);
  return `<!date^${seconds}^{date_long_pretty} {time}|${formatDateTime(date, timezone, locale)}>`;
}

/** "Mo., 07.12.2026" / "Mon, 7 Dec 2026". */
export function formatDate(date: Date, timezone: string, locale: Locale): string {
  return locale === "de"
    ? format(inZone(date, timezone), "EEE, dd.MM.yyyy", { locale: deLocale })
    : format(inZone(date, timezone), "EEE, d MMM yyyy", { locale: enGB });
}

/** A calendar day given as "YYYY-MM-DD" (programme period): "31.12.2021" / "31 Dec 2021". Other input is shown as is. */
export function formatCalendarDay(isoDay: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) return isoDay;
  const [, y, m, d] = match;
  const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return locale === "de"
    ? format(new TZDate(day.getTime(), "UTC"), "dd.MM.yyyy", { locale: deLocale })
    : format(new TZDate(day.getTime(), "UTC"), "d MMM yyyy", { locale: enGB });
}
