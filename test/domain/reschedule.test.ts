import { describe, expect, it } from "vitest";
import { checkPartnerCancel, cancellerOf } from "../../src/domain/cancellation.ts";
import { decideAskNewDate, decideProposal, decideProposalAnswer } from "../../src/domain/reschedule.ts";
import { decideTransition } from "../../src/domain/transitions.ts";
import { actor, rules } from "./builders.ts";

const now = new Date("2026-06-15T08:00:00Z");
const start = new Date("2026-06-17T08:00:00Z");
const request = { state: "scheduled" as const, partnerId: "p1", municipalityKey: "m1", scheduledStart: start, units: 1, requesterId: "c1" };
const partner = actor({ personId: "p1", isPartner: true, contactOf: null });
const contact = actor({ personId: "c1", contactOf: "m1" });
const outsider = actor({ personId: "c2", contactOf: "m2" });
const video = { start: new Date("2026-06-18T08:00:00Z"), format: "video" as const, meetingLink: "https://meet.example.org/x" };

describe("a new date", () => {
  it("the partner may propose one until the session starts, with the accept's checks", () => {
    expect(decideProposal(request, partner, video, now, rules()).ok).toBe(true);
    expect(decideProposal(request, contact, video, now, rules())).toMatchObject({ code: "forbidden", action: "reschedule" });
    expect(decideProposal(request, partner, video, start, rules())).toMatchObject({ code: "too_late_to_change" });
    expect(decideProposal(request, partner, { ...video, start: new Date("2026-06-14T08:00:00Z") }, now, rules())).toMatchObject({ code: "start_in_past" });
    expect(decideProposal(request, partner, { ...video, meetingLink: "" }, now, rules())).toMatchObject({ code: "meeting_details_missing" });
    expect(decideProposal({ ...request, state: "held" }, partner, video, now, rules())).toMatchObject({ code: "illegal_transition", from: "held" });
  });

  it("the municipality's contacts may ask for one; nobody else", () => {
    expect(decideAskNewDate(request, contact, now).ok).toBe(true);
    expect(decideAskNewDate(request, outsider, now)).toMatchObject({ code: "forbidden" });
    expect(decideAskNewDate(request, partner, now)).toMatchObject({ code: "forbidden" });
  });

  it("only the open proposal of the current partner can be answered, and an accepted date must lie ahead", () => {
    const open = { kind: "date" as const, state: "open" as const, proposedById: "p1", start: video.start };
    expect(decideProposalAnswer(request, open, contact, "accept", now).ok).toBe(true);
    expect(decideProposalAnswer(request, { ...open, state: "rejected" }, contact, "accept", now)).toMatchObject({ code: "proposal_not_current" });
    expect(decideProposalAnswer(request, { ...open, proposedById: "p-before-a-move" }, contact, "accept", now)).toMatchObject({ code: "proposal_not_current" });
    expect(decideProposalAnswer(request, open, outsider, "accept", now)).toMatchObject({ code: "forbidden" });
    expect(decideProposalAnswer(request, open, contact, "accept", new Date("2026-06-17T07:59:00Z")).ok).toBe(true);
    expect(decideProposalAnswer({ ...request, scheduledStart: new Date("2026-06-19T08:00:00Z") }, open, contact, "accept", new Date("2026-06-18T09:00:00Z")))
      .toMatchObject({ code: "start_in_past" });
  });
});

describe("a partner's cancel", () => {
  it("needs a reason, only for a scheduled session, only until it starts", () => {
    expect(checkPartnerCancel(request, "krank", now)).toBeNull();
    expect(checkPartnerCancel(request, " ", now)).toMatchObject({ code: "invalid_input", field: "reason" });
    expect(checkPartnerCancel(request, "krank", start)).toMatchObject({ code: "too_late_to_change" });
    expect(checkPartnerCancel({ ...request, state: "requested" }, "x", now)).toMatchObject({ code: "illegal_transition" });
    const ctx = { request, actor: partner, action: "cancel" as const, now, rules: rules() };
    expect(decideTransition({ ...ctx, reason: "krank" }).ok).toBe(true);
    expect(decideTransition(ctx)).toMatchObject({ code: "invalid_input" });
  });

  it("the cancel message names the side that cancelled", () => {
    expect(cancellerOf(request, "p1", false)).toBe("partner");
    expect(cancellerOf(request, "c1", false)).toBe("requester");
    expect(cancellerOf(request, "lead", true)).toBe("lead");
  });
});
