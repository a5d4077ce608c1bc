import type { SessionEvent } from "./session-event.ts";

/** 20260622T080000Z, the form both calendars' links take. */
function basicUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/** Opens Google Calendar's "new event" page filled in (nothing is saved until the user does). */
export function googleCalendarUrl(event: SessionEvent): string {
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: event.title,
    dates: `${basicUtc(event.start)}/${basicUtc(event.end)}`,
    details: event.description,
    ...(event.location ? { location: event.location } : {}),
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

/** Opens Outlook on the web's "new event" form filled in (work and school accounts; outlook.com forwards). */
export function outlookCalendarUrl(event: SessionEvent): string {
  const params = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: event.title,
    startdt: event.start.toISOString(),
    enddt: event.end.toISOString(),
    body: event.description,
    ...(event.location ? { location: event.location } : {}),
  });
  return `https://outlook.office.com/calendar/deeplink/compose?${params.toString()}`;
}
