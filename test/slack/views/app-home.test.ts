import { describe, expect, it } from "vitest";
import * as ids from "../../../src/slack/ids.ts";
import { appHome, type AppHomeInput } from "../../../src/slack/views/app-home.ts";
import { assertWithinSlackLimits } from "../../support/block-kit-limits.ts";
import { makeQuota, makeRequest, makeRequests, makeTopics, START, TZ } from "./fixtures.ts";

type Json = Record<string, any>;
const allButtons = (view: Json): Json[] =>
  view.blocks.flatMap((b: Json) => (b.type === "actions" ? b.elements : b.accessory ? [b.accessory] : []));

const lead = {
  totals: { held: 10, scheduled: 4, pending: 3 },
  nearQuota: Array.from({ length: 300 }, (_, i) => ({ name: `Gemeinde ${i} <x>`, used: 11, limit: 12 })),
  waitingLong: 2,
  waitingDays: 5,
  unused: 7,
  municipalities: 40,
};

function input(overrides: Partial<AppHomeInput> = {}): AppHomeInput {
  return {
    locale: "de",
    timezone: TZ,
    now: new Date("2026-12-01T09:00:00Z"),
    topics: makeTopics(3),
    actor: { name: "Erika", isContact: true, isPartner: false, isLead: false },
    contact: { municipalityName: "Musterstadt", quota: makeQuota(), requests: [makeRequest()] },
    ...overrides,
  };
}

describe("appHome", () => {
  it("shows a contact units left, the booking button and cancel buttons", () => {
    const view = appHome(input()) as Json;
    assertWithinSlackLimits(view);
    expect(view.type).toBe("home");
    expect(JSON.stringify(view)).toContain("Noch 9 von 12 Einheiten");
    expect(allButtons(view).map((b) => [b.action_id, b.text.text])).toEqual([
      [ids.OPEN_BOOKING, "Sparring anfragen"],
      [ids.CANCEL_REQUEST, "Stornieren"],
    ]);
  });

  it("shows a partner open requests with accept/decline, upcoming sessions and units held", () => {
    const view = appHome(
      input({
        locale: "en",
        actor: { name: "Max", isContact: false, isPartner: true, isLead: false },
        contact: null,
        partner: {
          openRequests: [makeRequest()],
          upcoming: [makeRequest({ id: "up", state: "scheduled", scheduledStart: START })],
          unitsHeld: 1,
        },
      }),
    ) as Json;
    assertWithinSlackLimits(view);
    const json = JSON.stringify(view);
    expect(json).toContain("Held so far: 1 session");
    expect(json).toContain("Mon, 7 Dec 2026, 10:00");
    expect(json).not.toContain("<!channel>");
    expect(allButtons(view).map((b) => [b.action_id, b.value])).toEqual([
      [ids.PARTNER_EDIT_PROFILE, "me"],
      [ids.ACCEPT_REQUEST, makeRequest().id],
      [ids.DECLINE_REQUEST, makeRequest().id],
    ]);
  });

  it("stays within 100 blocks and 250 KB for someone with all roles and 100 requests each", () => {
    const requests = makeRequests(100);
    const view = appHome(
      input({
        actor: { name: "Alle", isContact: true, isPartner: true, isLead: true },
        contact: { municipalityName: "Musterstadt", quota: makeQuota(), requests },
        partner: { openRequests: requests, upcoming: requests, unitsHeld: 42 },
        lead,
      }),
    ) as Json;
    assertWithinSlackLimits(view);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(Buffer.byteLength(JSON.stringify(view))).toBeLessThan(250_000);
    expect(JSON.stringify(view)).toContain("Programmübersicht");
    expect(JSON.stringify(view)).toContain("… und 80 weitere");
  });

  it("tells people without a role whom to ask", () => {
    const view = appHome(input({ actor: { name: "X", isContact: false, isPartner: false, isLead: false }, contact: null }));
    assertWithinSlackLimits(view);
    expect(JSON.stringify(view)).toContain("noch keine Rolle");
  });

  it("shows the lead overview figures", () => {
    const view = appHome(input({ actor: { name: "L", isContact: false, isPartner: false, isLead: true }, contact: null, lead: { ...lead, nearQuota: [] } }));
    assertWithinSlackLimits(view);
    const json = JSON.stringify(view);
    expect(json).toContain("Durchgeführt: *10*");
    expect(json).toContain("Kommunen ohne Anfrage: *7* von 40");
    expect(json).toContain("Keine Kommune ist nahe am Kontingent.");
  });
});
