import { describe, expect, it } from "vitest";
import type { RequestNotice } from "../../../src/domain/notifications.ts";
import { deliveriesFor } from "../../../src/slack/notifications/deliveries.ts";
import { makeRequest } from "../views/fixtures.ts";

// makeRequest: requester p-requester (UREQ), partner p-partner (UPART).
const request = makeRequest();
const id = request.id;
const notice = (event: RequestNotice["event"], actorId: string | null, extra: Partial<RequestNotice> = {}): RequestNotice => ({
  kind: "request", event, requestId: id, actorId, ...extra,
});
const homes = (...slackIds: string[]) => slackIds.map((slackId) => ({ op: "home", slackId }));

describe("deliveriesFor", () => {
  it("a new request: the partner's DM and the Homes of the contacts and the partner, each once", () => {
    expect(deliveriesFor(notice("requested", "p-requester"), request, ["UREQ", "UCOLLEAGUE", "UREQ"])).toEqual([
      { op: "partner_request", requestId: id },
      ...homes("UREQ", "UCOLLEAGUE", "UPART"),
    ]);
  });

  it("accepted: the DM updated in place, the requester told, a calendar file for both sides", () => {
    expect(deliveriesFor(notice("accepted", "p-partner"), request, ["UREQ"])).toEqual([
      { op: "partner_request", requestId: id },
      { op: "requester_notice", requestId: id, event: "accepted", slackId: "UREQ" },
      { op: "calendar_file", requestId: id, slackId: "UPART" },
      { op: "calendar_file", requestId: id, slackId: "UREQ" },
      ...homes("UREQ", "UPART"),
    ]);
  });

  it("declined: the DM updated in place and the requester told; no calendar file", () => {
    expect(deliveriesFor(notice("declined", "p-partner"), request, ["UREQ"])).toEqual([
      { op: "partner_request", requestId: id },
      { op: "requester_notice", requestId: id, event: "declined", slackId: "UREQ" },
      ...homes("UREQ", "UPART"),
    ]);
  });

  it("cancelled: whoever did not cancel is told, the one who did is not", () => {
    const byRequester = deliveriesFor(notice("cancelled", "p-requester"), request, ["UREQ"]);
    expect(byRequester).toContainEqual({ op: "partner_notice", requestId: id, event: "cancelled" });
    expect(byRequester.filter((d) => d.op === "requester_notice")).toEqual([]);

    const byPartner = deliveriesFor(notice("cancelled", "p-partner"), request, ["UREQ"]);
    expect(byPartner.filter((d) => d.op === "partner_notice")).toEqual([]);
    expect(byPartner).toContainEqual({ op: "requester_notice", requestId: id, event: "cancelled", slackId: "UREQ" });

    const byLead = deliveriesFor(notice("cancelled", "p-lead"), request, ["UREQ"]);
    expect(byLead).toContainEqual({ op: "partner_notice", requestId: id, event: "cancelled" });
    expect(byLead).toContainEqual({ op: "requester_notice", requestId: id, event: "cancelled", slackId: "UREQ" });
  });

  it("expired by the job: the requester is told and the partner's DM turns to expired", () => {
    expect(deliveriesFor(notice("expired", null), request, [])).toEqual([
      { op: "partner_request", requestId: id },
      { op: "requester_notice", requestId: id, event: "expired", slackId: "UREQ" },
      ...homes("UPART"),
    ]);
  });

  it("held: the question answered, the DM updated, the requester asked for feedback; not held: no feedback", () => {
    expect(deliveriesFor(notice("held", "p-partner"), request, []).map((d) => d.op)).toEqual(["held_question", "partner_request", "feedback_ask", "home"]);
    expect(deliveriesFor(notice("not_held", "p-partner"), request, []).map((d) => d.op)).toEqual(["held_question", "partner_request", "home"]);
  });

  it("after a move to another municipality, its contacts hear as the requester and the former people's Homes are refreshed", () => {
    const move = {
      fromPartnerId: "p-old", fromMunicipalityKey: "ulm", fromRequesterId: "p-requester", notify: true,
      handedOver: ["partner_request:old"], partnerChanged: true, municipalityChanged: true, fromStart: null,
    } as unknown as NonNullable<RequestNotice["move"]>;
    const deliveries = deliveriesFor(notice("moved", "p-lead", { move }), request, ["UNEW1"], ["UOLDPARTNER"], ["UNEW1", "UNEW2"]);
    expect(deliveries).toEqual([
      { op: "partner_handover", requestId: id, purpose: "partner_request:old", fromPartnerId: "p-old", fromMunicipalityKey: "ulm" },
      { op: "partner_request", requestId: id },
      { op: "moved_notice", requestId: id, move },
      ...homes("UNEW1", "UPART", "UOLDPARTNER"),
    ]);
    const reminder = deliveriesFor(notice("reminder_due", null), request, ["UNEW1"], [], ["UNEW1", "UNEW2"]);
    expect(reminder.filter((d) => d.op === "requester_notice").map((d) => "slackId" in d && d.slackId)).toEqual(["UNEW1", "UNEW2"]);
  });

  it("a held session re-attributed for accounting: Homes only, no messages", () => {
    const move = { fromPartnerId: "p-old", fromMunicipalityKey: "ulm", notify: false, handedOver: [] } as unknown as NonNullable<RequestNotice["move"]>;
    expect(deliveriesFor(notice("moved", "p-lead", { move }), request, ["UREQ"], ["UOLD"]).map((d) => d.op)).toEqual(["home", "home", "home"]);
  });

  it("the reminders go to requester and partner, the held question is asked anew, and neither refreshes a Home", () => {
    expect(deliveriesFor(notice("reminder_due", null), request, ["UREQ"])).toEqual([
      { op: "requester_notice", requestId: id, event: "reminder_due", slackId: "UREQ" },
      { op: "partner_notice", requestId: id, event: "reminder_due" },
    ]);
    expect(deliveriesFor(notice("held_question_due", null), request, ["UREQ"])).toEqual([{ op: "held_question", requestId: id, ask: true }]);
  });
});
