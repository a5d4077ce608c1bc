import { describe, expect, it } from "vitest";
import * as ids from "../../../src/slack/ids.ts";
import { directoryMessage } from "../../../src/slack/views/directory-message.ts";
import { statusMessage } from "../../../src/slack/views/status-message.ts";
import { assertWithinSlackLimits } from "../../support/block-kit-limits.ts";
import { makePartner, makePartners, makeQuota, makeRequest, makeRequests, makeTopics, START, TZ } from "./fixtures.ts";

type Json = Record<string, any>;
const topics = makeTopics(3);
const accessories = (message: Json): Json[] => message.blocks.map((b: Json) => b.accessory).filter(Boolean);

describe("statusMessage", () => {
  const input = { locale: "de" as const, timezone: TZ, now: new Date("2026-12-01T09:00:00Z"), municipalityName: "Musterstadt", quota: makeQuota(), topics };

  it("shows units left of 12 and of 5 and the requests with cancel buttons on open ones", () => {
    const requests = [
      makeRequest({ id: "r-requested" }),
      makeRequest({ id: "r-scheduled", state: "scheduled", scheduledStart: START }),
      makeRequest({ id: "r-held", state: "held", scheduledStart: START }),
    ];
    const message = statusMessage({ ...input, requests, assignedPartners: ["Dr. Jana Beispiel"] }) as Json;
    assertWithinSlackLimits(message);
    const json = JSON.stringify(message);
    expect(json).toContain("Noch 9 von 12 Einheiten");
    expect(json).toContain("Mit bereits zugeordneten Prozessbegleiterinnen und Prozessbegleitern noch 3 von 5");
    expect(json).toContain("Ihrer Kommune bereits zugeordnet: Dr. Jana Beispiel");
    // Without assigned facilitators the sub-quota does not concern the municipality: no 5-line.
    const none = JSON.stringify(statusMessage({ ...input, requests }));
    expect(none).not.toContain("von 5");
    expect(none).not.toContain("zugeordnet");
    expect(json).toContain("Vereinbart");
    expect(json).toContain("Mo., 07.12.2026, 10:00 Uhr");
    // Slack's own date token after "am" (never "heute"), weekday and date as its fallback.
    expect(json).toContain("angefragt am <!date^1795161600^{date_short}|Fr., 20.11.2026>");
    const cancels = accessories(message);
    expect(cancels.map((b) => [b.action_id, b.value])).toEqual([
      [ids.CANCEL_REQUEST, "r-requested"],
      [ids.CANCEL_REQUEST, "r-scheduled"],
    ]);
    expect(cancels[0]!.confirm.title.text).toBe("Anfrage stornieren?");
    expect(message.text).toBe("Noch 9 von 12 Einheiten verfügbar");
  });

  it("offers no cancel button once a scheduled session has started (a contact may no longer cancel it)", () => {
    const requests = [makeRequest({ id: "r-started", state: "scheduled", scheduledStart: START }), makeRequest({ id: "r-open" })];
    const before = accessories(statusMessage({ ...input, now: new Date(START.getTime() - 60_000), requests }) as Json);
    expect(before.map((b) => b.value).sort()).toEqual(["r-open", "r-started"]);
    const after = accessories(statusMessage({ ...input, now: START, requests }) as Json);
    expect(after.map((b) => b.value)).toEqual(["r-open"]);
  });

  it("speaks English", () => {
    const message = statusMessage({ ...input, locale: "en", requests: [makeRequest()] }) as Json;
    assertWithinSlackLimits(message);
    expect(JSON.stringify(message)).toContain("9 of 12 sessions left");
    expect(accessories(message)[0]!.text.text).toBe("Cancel");
  });

  it("fits 100 requests into 50 blocks, newest first, with 'und N weitere'", () => {
    const message = statusMessage({ ...input, requests: makeRequests(100) }) as Json;
    assertWithinSlackLimits(message);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(message)).toContain("… und 60 weitere");
    expect(message.blocks[3].text.text).toMatch(/angefragt am <!date\^\d+\^\{date_short\}\|Fr\., 10\.04\.2026>/);
  });

  it("says when there are no requests", () => {
    expect(JSON.stringify(statusMessage({ ...input, requests: [] }))).toContain("noch keine Sparring-Einheiten angefragt");
  });
});

describe("directoryMessage", () => {
  it("lists partners with topics, methods, formats and an Anfragen button", () => {
    const partners = [makePartner(1, { name: "Anna <!here>" }), makePartner(2)];
    const message = directoryMessage({ locale: "de", partners, topics, topicFilter: "online" }) as Json;
    assertWithinSlackLimits(message);
    const json = JSON.stringify(message);
    expect(message.blocks[0].text.text).toBe("Sparring-Partner/-innen: Planung und Durchführung von Online-Veranstaltungen");
    expect(json).toContain("Großgruppenverfahren");
    expect(json).toContain("Telefon, Videokonferenz");
    expect(json).toContain("Anna &lt;!here&gt;");
    expect(accessories(message).map((b) => [b.action_id, b.value, b.text.text])).toEqual([
      [ids.OPEN_BOOKING, partners[0]!.personId, "Anfragen"],
      [ids.OPEN_BOOKING, partners[1]!.personId, "Anfragen"],
    ]);
  });

  it("cuts 200 partners to 50 blocks with a note how to filter", () => {
    const message = directoryMessage({ locale: "en", partners: makePartners(200), topics: makeTopics(40), unknownQuery: "Astro<logie>" }) as Json;
    assertWithinSlackLimits(message);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const json = JSON.stringify(message);
    expect(json).toContain("Showing 40 of 200");
    expect(json).toContain("/sparring partner");
    expect(json).toContain("Astro&lt;logie&gt;");
    expect(accessories(message)[0]!.text.text).toBe("Request");
  });

  it("says when nobody offers the topic", () => {
    const message = directoryMessage({ locale: "de", partners: [], topics, topicFilter: "konflikt" });
    assertWithinSlackLimits(message);
    expect(JSON.stringify(message)).toContain("keine Sparring-Partner/-innen");
  });
});
