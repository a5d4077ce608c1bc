import { describe, expect, it } from "vitest";
import * as ids from "../../../src/slack/ids.ts";
import { heldAnsweredMessage, heldQuestionMessage, partnerReminderNotice } from "../../../src/slack/views/partner-notice.ts";
import { acceptedNotice, declinedNotice, expiredNotice, reminderNotice } from "../../../src/slack/views/requester-notice.ts";
import { assertWithinSlackLimits } from "../../support/block-kit-limits.ts";
import { makePartner, makePartners, makeRequest, makeTopics, START, TZ } from "./fixtures.ts";

type Json = Record<string, any>;
const topics = makeTopics(3);
const scheduled = makeRequest({ state: "scheduled", scheduledStart: START, format: "video", meetingLink: "https://meet.example/room" });
const vm = (request = scheduled, locale: "de" | "en" = "de") => ({ request, topics, locale, timezone: TZ });
const buttons = (message: Json): Json[] =>
  message.blocks.flatMap((b: Json) => (b.type === "actions" ? b.elements : b.accessory?.type === "button" ? [b.accessory] : []));

describe("requester notices", () => {
  it("accepted: date, format, link, in both languages", () => {
    const de = acceptedNotice(vm()) as Json;
    assertWithinSlackLimits(de);
    expect(de.text).toBe("Max Partner hat Ihre Anfrage angenommen: Mo., 07.12.2026, 10:00 Uhr");
    expect(JSON.stringify(de)).toContain("Videokonferenz");
    expect(JSON.stringify(de)).toContain("https://meet.example/room");
    const en = acceptedNotice(vm(scheduled, "en")) as Json;
    assertWithinSlackLimits(en);
    expect(en.text).toBe("Max Partner accepted your request: Mon, 7 Dec 2026, 10:00");
  });

  it("accepted by phone shows the number", () => {
    const message = acceptedNotice(vm(makeRequest({ state: "scheduled", scheduledStart: START, format: "phone", meetingPhone: "+49 711 12345" })));
    expect(JSON.stringify(message)).toContain("+49 711 12345");
    expect(JSON.stringify(message)).toContain("Telefon");
  });

  it("declined: reason escaped and at most 5 other partners with Buchen buttons", () => {
    const declined = makeRequest({ state: "declined", declineReason: "<!channel> keine Zeit", partnerId: "00000000-0000-4000-8000-000000000001" });
    const suggestions = [...makePartners(8), makePartner(99, { active: false })];
    const message = declinedNotice({ ...vm(declined), suggestions }) as Json;
    assertWithinSlackLimits(message);
    expect(JSON.stringify(message)).toContain("&lt;!channel&gt; keine Zeit");
    const book = buttons(message);
    expect(book).toHaveLength(5);
    expect(book.every((b) => b.action_id === ids.OPEN_BOOKING && b.text.text === "Buchen")).toBe(true);
    // The declining partner and inactive ones are not suggested.
    expect(book.map((b) => b.value)).not.toContain(declined.partnerId);
    expect(book[0]!.value).toBe(makePartner(2).personId);
    const en = declinedNotice({ ...vm(declined, "en"), suggestions }) as Json;
    expect(buttons(en)[0]!.text.text).toBe("Book");
    expect(en.text).toBe("Max Partner declined your request");
  });

  it("declined without suggestions has no buttons", () => {
    const message = declinedNotice({ ...vm(makeRequest({ state: "declined" })), suggestions: [] }) as Json;
    assertWithinSlackLimits(message);
    expect(buttons(message)).toEqual([]);
  });

  it("cancelled, expired and reminder", () => {
    for (const locale of ["de", "en"] as const) {
      for (const message of [
        expiredNotice(vm(makeRequest({ state: "expired" }), locale)),
        reminderNotice(vm(scheduled, locale)),
      ]) {
        assertWithinSlackLimits(message);
      }
    }
    expect(JSON.stringify(expiredNotice(vm(makeRequest({ state: "expired" }))))).toContain("abgelaufen");
    expect(reminderNotice(vm()).text).toBe("Erinnerung: Sparring-Einheit am Mo., 07.12.2026, 10:00 Uhr");
    // The date is Slack's token: Slack says "tomorrow" only when it is; the fallback names weekday and date.
    expect(JSON.stringify(reminderNotice(vm(scheduled, "en")))).toContain("^{date_long_pretty} {time}|Mon, 7 Dec 2026, 10:00>");
    expect(JSON.stringify(reminderNotice(vm(scheduled)))).not.toMatch(/morgen/i);
  });

  it("escapes names that look like markup", () => {
    const message = acceptedNotice(vm({ ...scheduled, partnerName: "<!everyone> Max" }));
    expect(JSON.stringify(message)).not.toContain("<!everyone>");
  });
});

describe("partner notices", () => {
  it("reminder names the municipality and requester", () => {
    const message = partnerReminderNotice(vm());
    assertWithinSlackLimits(message);
    expect(JSON.stringify(message)).toContain("Erika Beispiel (Musterstadt)");
  });

  it("asks whether the session took place, with Ja/Nein buttons", () => {
    const message = heldQuestionMessage(vm()) as Json;
    assertWithinSlackLimits(message);
    expect(buttons(message).map((b) => [b.action_id, b.value, b.text.text])).toEqual([
      [ids.MARK_HELD, scheduled.id, "Ja, hat stattgefunden"],
      [ids.MARK_NOT_HELD, scheduled.id, "Nein, fand nicht statt"],
    ]);
    expect(buttons(heldQuestionMessage(vm(scheduled, "en")) as Json).map((b) => b.text.text)).toEqual(["Yes, it took place", "No, it did not"]);
  });

  it("shows the answer without buttons once decided", () => {
    const held = heldQuestionMessage(vm({ ...scheduled, state: "held" })) as Json;
    assertWithinSlackLimits(held);
    expect(buttons(held)).toEqual([]);
    expect(held.text).toContain("als durchgeführt erfasst");
    const notHeld = heldAnsweredMessage(vm({ ...scheduled, state: "cancelled" }, "en"));
    expect(notHeld.text).toContain("recorded as not held");
  });
});
