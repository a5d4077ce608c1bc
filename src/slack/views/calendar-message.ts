import { googleCalendarUrl, outlookCalendarUrl } from "../../calendar/calendar-links.ts";
import type { SessionEvent } from "../../calendar/session-event.ts";
import type { Locale } from "../../domain/types.ts";
import { calendarTexts } from "../../i18n/calendar-texts.ts";
import { formatDateTime, slackDateTime } from "../../i18n/index.ts";
import { context, limits, section, type Message } from "./blocks.ts";
import { escapeMrkdwn, truncate } from "./escape.ts";

/** What the file does to the recipient's calendar: a new entry, a changed one, or its removal. */
export type CalendarChange = "added" | "updated" | "cancelled";

/** Marks the message, so tests and the history look-up can tell it from the request's other DMs. */
export const calendarBlockId = "calendar";

/**
 * The DM that comes with a calendar file: the date (a Slack date token) and, unless cancelled,
 * "add to Google / Outlook" links. The links carry the event's texts (names, meeting link): the
 * message is recorded, so erasure and retention overwrite it like every other notice.
 */
export function calendarMessage(event: SessionEvent, change: CalendarChange, locale: Locale, timezone: string): Message {
  const t = calendarTexts(locale);
  const date = slackDateTime(event.start, timezone, locale);
  const plainDate = formatDateTime(event.start, timezone, locale);
  const headline = change === "added" ? t.added(date) : change === "updated" ? t.updated(date) : t.cancelled(date);
  const fallback = change === "added" ? t.addedFallback(plainDate) : change === "updated" ? t.updatedFallback(plainDate) : t.cancelledFallback(plainDate);
  const blocks: Message["blocks"] = [{ ...section(headline), block_id: calendarBlockId }];
  if (change !== "cancelled") {
    const links = `${t.importHint} <${linkTarget(googleCalendarUrl(event))}|${t.google}> · <${linkTarget(outlookCalendarUrl(event))}|${t.outlook}>`;
    // A cut link would lead nowhere: with very long texts (a long meeting link) the file alone.
    blocks.push(links.length <= limits.text ? context(links) : context(t.importFileOnly));
  }
  return { text: truncate(escapeMrkdwn(fallback), limits.fallbackText), blocks };
}

/** Slack reads & < > in a link's target as markup: & is written as &amp; (the URL encodes < and >). */
function linkTarget(url: string): string {
  return url.replace(/&/g, "&amp;");
}
