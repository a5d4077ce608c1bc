import { describe, expect, it } from "vitest";
import * as ids from "../../../src/slack/ids.ts";
import { requestDecidedMessage, requestMessage } from "../../../src/slack/views/request-message.ts";
import { assertWithinSlackLimits } from "../../support/block-kit-limits.ts";
import { makeRequest, makeTopics, START, TZ } from "./fixtures.ts";

type Json = Record<string, any>;
const topics = makeTopics(3);
const buttons = (message: Json): Json[] => message.blocks.filter((b: Json) => b.type === "actions").flatMap((b: Json) => b.elements);

describe("requestMessage", () => {
  it("shows municipality, requester, topics, escaped question, format and times with Annehmen/Ablehnen", () => {
    const message = requestMessage({ request: makeRequest(), topics, locale: "de", timezone: TZ }) as Json;
    assertWithinSlackLimits(message);
    const json = JSON.stringify(message);
    for (const expected of ["Musterstadt", "Erika Beispiel", "Planung und Durchführung von Online-Veranstaltungen", "Videokonferenz", "dienstags vormittags"]) {
      expect(json).toContain(expected);
    }
    expect(json).toContain("&lt;!channel&gt;");
    expect(json).toContain("&lt;https://evil.example|hier klicken&gt;");
    expect(json).not.toContain("<!channel>");
    expect(json).not.toContain("<https://evil");
    expect(json).not.toContain("<@U123>");
    expect(buttons(message).map((b) => [b.action_id, b.value, b.text.text])).toEqual([
      [ids.ACCEPT_REQUEST, makeRequest().id, "Annehmen"],
      [ids.DECLINE_REQUEST, makeRequest().id, "Ablehnen"],
    ]);
    expect(message.text).toContain("Erika Beispiel");
  });

  it("speaks English", () => {
    const message = requestMessage({ request: makeRequest(), topics, locale: "en", timezone: TZ }) as Json;
    assertWithinSlackLimits(message);
    expect(buttons(message).map((b) => b.text.text)).toEqual(["Accept", "Decline"]);
    expect(JSON.stringify(message)).toContain("Planning and running online events");
  });

  it("stays within limits with a 2000-char question full of entities", () => {
    const message = requestMessage({ request: makeRequest({ question: "<&>".repeat(700), preferredTimes: "&".repeat(500) }), topics: makeTopics(40), locale: "de", timezone: TZ });
    assertWithinSlackLimits(message);
  });

  it("says when the question was removed", () => {
    expect(JSON.stringify(requestMessage({ request: makeRequest({ question: null }), topics, locale: "de", timezone: TZ }))).toContain("Anliegen wurde gelöscht");
  });
});

describe("requestDecidedMessage", () => {
  const cases = [
    [{ state: "scheduled", scheduledStart: START, format: "video", meetingLink: "https://meet.example/x?a=1&b=2" }, ["Sie haben angenommen: <!date^1796634000^{date_long_pretty} {time}|Mo., 07.12.2026, 10:00 Uhr>, Videokonferenz.", "https://meet.example/x?a=1&amp;b=2"]],
    [{ state: "declined", declineReason: "Keine Zeit <!here>" }, ["Sie haben diese Anfrage abgelehnt.", "Keine Zeit &lt;!here&gt;"]],
    // No cancellation recorded (yet): named as the requester's own cancel, never "the request was cancelled".
    [{ state: "cancelled" }, ["Erika Beispiel (Musterstadt) hat die Sparring-Anfrage von Musterstadt an Max Partner storniert."]],
    [{ state: "expired" }, ["Diese Anfrage ist abgelaufen"]],
    [{ state: "held", scheduledStart: START }, ["Die Einheit am <!date^1796634000^{date_long} {time}|Mo., 07.12.2026, 10:00 Uhr> hat stattgefunden"]],
  ] as const;
  for (const [overrides, expected] of cases) {
    it(`shows the outcome without Accept/Decline: ${overrides.state}`, () => {
      const message = requestDecidedMessage({ request: makeRequest(overrides), topics, locale: "de", timezone: TZ }) as Json;
      assertWithinSlackLimits(message);
      // A scheduled session offers the partner a new date or a cancel; every other outcome is final.
      const request = makeRequest(overrides);
      expect(buttons(message).map((b: Json) => [b.action_id, b.value])).toEqual(
        overrides.state === "scheduled" ? [[ids.PROPOSE_NEW_DATE, request.id], [ids.PARTNER_CANCEL, request.id]] : [],
      );
      for (const text of expected) expect(JSON.stringify(message)).toContain(text);
      expect(requestMessage({ request: makeRequest(overrides), topics, locale: "de", timezone: TZ })).toEqual(message);
    });
  }

  it("names who cancelled: the partner, a contact, the programme lead; in both languages", () => {
    const request = makeRequest({ state: "cancelled", scheduledStart: START });
    const outcome = (by: "partner" | "requester" | "lead", name: string, locale: "de" | "en" = "de") =>
      JSON.stringify(requestDecidedMessage({ request, topics, locale, timezone: TZ, cancellation: { by, name, reason: null } }));
    expect(outcome("partner", "Max Partner")).toContain("Max Partner hat die Sparring-Einheit von Musterstadt mit Max Partner am <!date^1796634000^");
    expect(outcome("requester", "Erika <Beispiel>")).toContain("Erika &lt;Beispiel&gt; (Musterstadt) hat die Sparring-Einheit");
    expect(outcome("lead", "Lea Leitung")).toContain("Die Projektleitung (Lea Leitung) hat die Sparring-Einheit");
    expect(outcome("lead", "Lea Leitung", "en")).toContain("The programme lead (Lea Leitung) cancelled the sparring session");
    for (const by of ["partner", "requester", "lead"] as const) expect(outcome(by, "X")).not.toContain("wurde storniert");
  });

  it("shows the accepted outcome in English", () => {
    const message = requestDecidedMessage({ request: makeRequest({ state: "scheduled", scheduledStart: START, format: "phone", meetingPhone: "0711 1234" }), topics, locale: "en", timezone: TZ });
    assertWithinSlackLimits(message);
    expect(JSON.stringify(message)).toContain("You accepted: <!date^1796634000^{date_long_pretty} {time}|Mon, 7 Dec 2026, 10:00>, Phone.");
    expect(JSON.stringify(message)).toContain("0711 1234");
  });
});
