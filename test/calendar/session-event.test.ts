import { describe, expect, it } from "vitest";
import { googleCalendarUrl, outlookCalendarUrl } from "../../src/calendar/calendar-links.ts";
import { icsFile, sessionEventFor, sessionUid } from "../../src/calendar/session-event.ts";
import { calendarMessage } from "../../src/slack/views/calendar-message.ts";
import { assertWithinSlackLimits } from "../support/block-kit-limits.ts";
import { readIcs } from "../support/read-ics.ts";
import { makeRequest, START, TZ } from "../slack/views/fixtures.ts";

const scheduled = makeRequest({ state: "scheduled", scheduledStart: START, format: "video", meetingLink: "https://meet.example/raum?a=1&b=2" });
const options = { start: START, minutes: 60, sequence: 0, cancelled: false, perspective: "partner" as const, locale: "de" as const, topics: "Online-Veranstaltungen" };

describe("session calendar event", () => {
  it("is a published event with a stable UID, start, end, sequence and the meeting link", async () => {
    const read = readIcs(await icsFile(sessionEventFor(scheduled, options)));
    expect(read).toMatchObject({
      method: "PUBLISH",
      uid: `${scheduled.id}@sparring`,
      sequence: 0,
      status: "CONFIRMED",
      summary: "Sparring: Musterstadt (Erika Beispiel)",
      location: "https://meet.example/raum?a=1&b=2",
    });
    expect(read.start.toISOString()).toBe("2026-12-07T09:00:00.000Z");
    expect(read.end.toISOString()).toBe("2026-12-07T10:00:00.000Z");
    expect(read.description).toContain("Format: Videokonferenz");
    expect(read.description).toContain("Link: https://meet.example/raum?a=1&b=2");
    expect(sessionUid(scheduled.id)).toBe(read.uid);
  });

  it("names the partner for the requester, nobody for a former participant, and the phone number for a call", async () => {
    const call = makeRequest({ state: "scheduled", scheduledStart: START, format: "phone", meetingPhone: "0711 123456" });
    const forRequester = readIcs(await icsFile(sessionEventFor(call, { ...options, perspective: "requester", locale: "en", minutes: 120 })));
    expect(forRequester.summary).toBe("Sparring with Max Partner");
    expect(forRequester.location).toBe("0711 123456");
    expect(forRequester.description).toContain("Phone: 0711 123456");
    expect(forRequester.end.getTime() - forRequester.start.getTime()).toBe(120 * 60_000);
    const neutral = readIcs(await icsFile(sessionEventFor(call, { ...options, perspective: "neutral", cancelled: true, sequence: 3 })));
    expect(neutral.summary).toBe("Abgesagt: Sparring-Einheit");
    expect(neutral).toMatchObject({ status: "CANCELLED", sequence: 3, uid: `${call.id}@sparring` });
  });

  it("keeps commas, semicolons and line breaks in names and links intact", async () => {
    const odd = makeRequest({ ...scheduled, municipalityName: "Stadt A; Kreis B, Ost", requesterName: "Dr. X\\Y" });
    const read = readIcs(await icsFile(sessionEventFor(odd, options)));
    expect(read.summary).toBe("Sparring: Stadt A; Kreis B, Ost (Dr. X\\Y)");
    expect(read.description.split("\n")[0]).toBe("Format: Videokonferenz");
  });

  it("offers Google and Outlook links with the same times and texts", () => {
    const event = sessionEventFor(scheduled, options);
    const google = new URL(googleCalendarUrl(event));
    expect(google.origin).toBe("https://calendar.google.com");
    expect(google.searchParams.get("dates")).toBe("20261207T090000Z/20261207T100000Z");
    expect(google.searchParams.get("text")).toBe("Sparring: Musterstadt (Erika Beispiel)");
    expect(google.searchParams.get("location")).toBe("https://meet.example/raum?a=1&b=2");
    const outlook = new URL(outlookCalendarUrl(event));
    expect(outlook.searchParams.get("startdt")).toBe("2026-12-07T09:00:00.000Z");
    expect(outlook.searchParams.get("enddt")).toBe("2026-12-07T10:00:00.000Z");
    expect(outlook.searchParams.get("subject")).toBe("Sparring: Musterstadt (Erika Beispiel)");
  });

  it("comes with a DM that shows the date token and the links, escaped for Slack, and none for a cancellation", () => {
    const event = sessionEventFor(scheduled, options);
    const added = calendarMessage(event, "added", "de", TZ);
    assertWithinSlackLimits(added as never);
    const json = JSON.stringify(added);
    expect(json).toContain("<!date^1796634000^{date_long_pretty} {time}|Mo., 07.12.2026, 10:00 Uhr>");
    expect(json).toContain("|In Google Kalender eintragen>");
    expect(json).toContain("|In Outlook eintragen>");
    expect(json).not.toMatch(/\?[^"|>]*&(?!amp;)/); // every & in a link target is written &amp;
    expect(added.text).toBe("Für Ihren Kalender: Sparring-Einheit Mo., 07.12.2026, 10:00 Uhr");
    const cancelled = calendarMessage(sessionEventFor(scheduled, { ...options, cancelled: true }), "cancelled", "en", TZ);
    expect(JSON.stringify(cancelled)).not.toContain("calendar.google.com");
    expect(cancelled.text).toBe("Cancelled: sparring session Mon, 7 Dec 2026, 10:00");
  });
});
