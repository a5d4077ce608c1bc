import { TZDate } from "@date-fns/tz";
// Subpath imports: "date-fns" and "date-fns/locale" load every function and every locale (~20 MB
// and half a second at start-up).
import { format } from "date-fns/format";
import { de as deLocale } from "date-fns/locale/de";
import { enGB } from "date-fns/locale/en-GB";
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

/**
 * A date and time for Slack mrkdwn: Slack renders the token in each reader's own time zone and
 * language, and says "today" / "tomorrow" only when it is (`{date_long_pretty}`); clients that
 * cannot render it (notifications, old apps) show the fallback, which names weekday and date in
 * the programme's zone ("Mo., 22.06.2026, 10:00 Uhr"). Not for plain_text fields or the `text`
 * fallback of a message, where Slack does not read tokens.
 * `pretty: false` where the sentence puts a preposition before the date ("am …", "on …"): Slack's
 * "today" would read "am heute".
 */
export function slackDateTime(date: Date, timezone: string, locale: Locale, options: { pretty?: boolean } = {}): string {
  const day = options.pretty === false ? "{date_long}" : "{date_long_pretty}";
  return slackDateToken(date, `${day} {time}`, formatDateTime(date, timezone, locale));
}

/** A day only ("Mo., 22.06.2026" as fallback), after "am" / "on" (so never "today"), e.g. when a request was made. */
export function slackDate(date: Date, timezone: string, locale: Locale): string {
  return slackDateToken(date, "{date_short}", formatDate(date, timezone, locale));
}

function slackDateToken(date: Date, pattern: string, fallback: string): string {
  const seconds = Math.floor(date.getTime() / 1000);
  // The fallback ends the token at "|" and ">": neither occurs in the formats above, removed to be sure.
  return `<!date^${seconds}^${pattern}|${fallback.replace(/[|<>]/g, " ")}>`;
}
