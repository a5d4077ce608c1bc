import type { Locale, SessionRequest } from "../domain/types.ts";
import { calendarTexts } from "../i18n/calendar-texts.ts";

/** One session as a calendar event, the same for the .ics file and the Google / Outlook links. */
export interface SessionEvent {
  uid: string;
  sequence: number;
  cancelled: boolean;
  start: Date;
  end: Date;
  title: string;
  description: string;
  /** The video link or phone number; null when neither is known (removed by retention). */
  location: string | null;
}

/** Whose calendar it goes to: the title names the other side; `neutral` names nobody (no longer taking part). */
export type Perspective = "partner" | "requester" | "neutral";

/**
 * Stable per request, so every later file (a new date, a cancellation) replaces the entry the
 * recipient imported instead of adding a second one. Names nobody: it is in every copy.
 */
export function sessionUid(requestId: string): string {
  return `${requestId}@sparring`;
}

export function sessionEventFor(
  request: SessionRequest,
  options: { start: Date; minutes: number; sequence: number; cancelled: boolean; perspective: Perspective; locale: Locale; topics: string },
): SessionEvent {
  const t = calendarTexts(options.locale);
  const title =
    options.perspective === "partner"
      ? t.titleForPartner(request.municipalityName, request.requesterName)
      : options.perspective === "requester"
        ? t.titleForRequester(request.partnerName)
        : t.titleNeutral;
  const format = request.format ?? request.preferredFormat;
  const lines = [
    `${t.format}: ${t.formats[format]}`,
    ...(request.meetingLink ? [`${t.link}: ${request.meetingLink}`] : []),
    ...(request.meetingPhone ? [`${t.phone}: ${request.meetingPhone}`] : []),
    ...(options.topics ? [`${t.topics}: ${options.topics}`] : []),
    "",
    t.footer,
  ];
  return {
    uid: sessionUid(request.id),
    sequence: options.sequence,
    cancelled: options.cancelled,
    start: options.start,
    end: new Date(options.start.getTime() + options.minutes * 60_000),
    title: options.cancelled ? `${t.cancelledPrefix}${title}` : title,
    description: lines.join("\n"),
    location: request.meetingLink ?? request.meetingPhone ?? null,
  };
}

/**
 * The event as an iCalendar file to import (RFC 5545). The app stores no e-mail addresses, so it
 * is no invitation (METHOD:REQUEST needs an organizer and attendees by address) but a published
 * event: METHOD:PUBLISH, the same UID for every version, a higher SEQUENCE for each change and
 * STATUS:CANCELLED for a cancellation, which calendars apply to the entry they already hold.
 * Times in UTC: unambiguous in every calendar, which shows them in its user's zone.
 * The ics package (with its validation library) is loaded at the first file, not at start-up.
 */
export async function icsFile(event: SessionEvent): Promise<string> {
  const { createEvent } = await import("ics");
  const { error, value } = createEvent({
    productId: "-//Sparring//Sparring Slack app//DE",
    method: "PUBLISH",
    uid: event.uid,
    sequence: event.sequence,
    start: event.start.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: event.end.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: event.title,
    description: event.description,
    ...(event.location ? { location: event.location } : {}),
    status: event.cancelled ? "CANCELLED" : "CONFIRMED",
    busyStatus: event.cancelled ? "FREE" : "BUSY",
  });
  // Only invalid input fails here (a bug in the caller), never the data of a request.
  if (error || !value) throw error ?? new Error("ics returned no calendar");
  return value;
}
