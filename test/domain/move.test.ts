import { describe, expect, it } from "vitest";
import { decideMove, preferredTimeOf, type MoveRequestFields } from "../../src/domain/move.ts";
import { requesterAudience } from "../../src/domain/request-owner.ts";
import { mayPerform } from "../../src/domain/transitions.ts";
import { deliveriesFor } from "../../src/slack/notifications/deliveries.ts";
import type { MoveNotice } from "../../src/domain/notifications.ts";
import type { Actor, RequestState, SessionRequest } from "../../src/domain/types.ts";

const timezone = "Europe/Berlin";
const base: MoveRequestFields = {
  state: "requested", partnerId: "partner-a", municipalityKey: "ulm", scheduledStart: null, format: null, preferredFormat: "phone", preferredTimes: "vormittags",
};
const scheduled: MoveRequestFields = { ...base, state: "scheduled", scheduledStart: new Date("2026-06-17T08:00:00Z"), format: "video" };

describe("deciding a lead's move", () => {
  it("a requested request keeps its state and its wishes, with another partner or municipality", () => {
    expect(decideMove(base, { partnerId: "partner-b", municipalityKey: "ulm" }, timezone)).toEqual({
      ok: true, value: { from: "requested", to: "requested", partnerChanged: true, municipalityChanged: false, changes: {}, notify: true },
    });
    expect(decideMove(base, { partnerId: "partner-a", municipalityKey: "konstanz" }, timezone)).toMatchObject({
      ok: true, value: { to: "requested", partnerChanged: false, municipalityChanged: true, notify: true },
    });
  });

  it("a scheduled session with another partner goes back to requested: the old date is the preferred time, link and phone are dropped", () => {
    expect(decideMove(scheduled, { partnerId: "partner-b", municipalityKey: "ulm" }, timezone)).toEqual({
      ok: true,
      value: {
        from: "scheduled", to: "requested", partnerChanged: true, municipalityChanged: false, notify: true,
        changes: { scheduledStart: null, format: null, meetingLink: null, meetingPhone: null, preferredFormat: "video", preferredTimes: "2026-06-17 10:00" },
      },
    });
  });

  it("a scheduled session moved to another municipality with the same partner keeps its date", () => {
    expect(decideMove(scheduled, { partnerId: "partner-a", municipalityKey: "konstanz" }, timezone)).toMatchObject({
      ok: true, value: { to: "scheduled", changes: {}, notify: true },
    });
  });

  it("a held session is only re-attributed: state kept, nobody notified", () => {
    expect(decideMove({ ...scheduled, state: "held" }, { partnerId: "partner-b", municipalityKey: "konstanz" }, timezone)).toMatchObject({
      ok: true, value: { from: "held", to: "held", changes: {}, notify: false },
    });
  });

  it("refuses closed requests and a move to where it already is", () => {
    for (const state of ["declined", "cancelled", "expired"] as const) {
      expect(decideMove({ ...base, state }, { partnerId: "partner-b", municipalityKey: "ulm" }, timezone)).toEqual({
        ok: false, code: "illegal_transition", from: state, action: "move",
      });
    }
    expect(decideMove(base, { partnerId: "partner-a", municipalityKey: "ulm" }, timezone)).toMatchObject({ ok: false, code: "invalid_input" });
  });

  it("writes the preferred time in the programme's time zone, across daylight saving", () => {
    expect(preferredTimeOf(new Date("2026-12-01T08:30:00Z"), timezone)).toBe("2026-12-01 09:30");
    expect(preferredTimeOf(new Date("2026-07-01T08:30:00Z"), timezone)).toBe("2026-07-01 10:30");
  });

  it("after a move the new municipality's contacts may cancel, the old ones may not", () => {
    const contact = (of: string): Actor => ({ personId: `c-${of}`, slackId: null, name: "K", contactOf: of, isLead: false, isPartner: false });
    const moved = { partnerId: "partner-a", municipalityKey: "konstanz" };
    expect(mayPerform(contact("ulm"), "cancel", moved)).toBe(false);
    expect(mayPerform(contact("konstanz"), "cancel", moved)).toBe(true);
  });
});

describe("who hears things as the requester", () => {
  const contacts = [{ personId: "k1", slackId: "UK1" }, { personId: "k2", slackId: "UK2" }];
  const request = { municipalityKey: "konstanz", requesterSlackId: "UREQ" };
  it("the requester while they speak for the request's municipality (or for none any more)", () => {
    expect(requesterAudience(request, "konstanz", contacts, null)).toEqual(["UREQ"]);
    expect(requesterAudience(request, null, contacts, null)).toEqual(["UREQ"]);
    expect(requesterAudience({ ...request, requesterSlackId: null }, "konstanz", contacts, null)).toEqual([]);
  });
  it("after a move to another municipality: that municipality's contacts, except whoever caused the change", () => {
    expect(requesterAudience(request, "ulm", contacts, "lead")).toEqual(["UK1", "UK2"]);
    expect(requesterAudience(request, "ulm", contacts, "k1")).toEqual(["UK2"]);
  });
});

describe("deliveries of a move", () => {
  const request = {
    id: "r1", partnerId: "partner-b", partnerSlackId: "UB", requesterId: "req", requesterSlackId: "UREQ", municipalityKey: "ulm",
  } as SessionRequest;
  const notice = (fromState: RequestState, notify: boolean, handedOver: string[]): { kind: "request"; event: "moved"; requestId: string; actorId: string; move: MoveNotice } => ({
    kind: "request", event: "moved", requestId: "r1", actorId: "lead",
    move: { fromPartnerId: "partner-a", fromMunicipalityKey: "ulm", fromState, toState: "requested", fromStart: null, notify, handedOver },
  });

  it("hands the old DM over, keeps the new partner's DM current, tells the requester, refreshes old and new Homes", () => {
    const n = notice("requested", true, ["partner_request:handed_over:7"]);
    expect(deliveriesFor(n, request, ["UCONTACT"], ["UOLDCONTACT", "UA"])).toEqual([
      { op: "partner_handover", requestId: "r1", purpose: "partner_request:handed_over:7", fromPartnerId: "partner-a", fromMunicipalityKey: "ulm" },
      { op: "partner_request", requestId: "r1" },
      { op: "moved_notice", requestId: "r1", move: n.move },
      { op: "home", slackId: "UCONTACT" },
      { op: "home", slackId: "UB" },
      { op: "home", slackId: "UOLDCONTACT" },
      { op: "home", slackId: "UA" },
    ]);
  });

  it("a held session re-attributed: Homes only, no messages", () => {
    expect(deliveriesFor(notice("held", false, []), request, ["UCONTACT"], ["UA"]).map((d) => d.op)).toEqual(["home", "home", "home"]);
  });
});
