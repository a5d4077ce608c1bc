import { describe, expect, it } from "vitest";
import { decideTransition, mayPerform, nextState, transitionTable, type TransitionAction, type TransitionContext } from "../../src/domain/transitions.ts";
import { requestStates, type RequestState } from "../../src/domain/types.ts";
import { actor, rules } from "./builders.ts";

const legal: Array<[RequestState, TransitionAction, RequestState]> = [
  ["requested", "accept", "scheduled"],
  ["requested", "decline", "declined"],
  ["requested", "cancel", "cancelled"],
  ["scheduled", "cancel", "cancelled"],
  ["scheduled", "mark_held", "held"],
  ["scheduled", "mark_not_held", "cancelled"],
  ["requested", "expire", "expired"],
];
const actions = Object.keys(transitionTable) as TransitionAction[];

describe("the lifecycle table", () => {
  it.each(legal)("moves %s by %s to %s", (from, action, to) => {
    expect(nextState(from, action)).toEqual({ ok: true, value: to });
  });

  it("refuses every other combination of state and action as an illegal transition", () => {
    const legalKeys = new Set(legal.map(([from, action]) => `${from}/${action}`));
    let refused = 0;
    for (const from of requestStates) {
      for (const action of actions) {
        if (legalKeys.has(`${from}/${action}`)) continue;
        expect(nextState(from, action)).toEqual({ ok: false, code: "illegal_transition", from, action });
        refused += 1;
      }
    }
    expect(refused).toBe(requestStates.length * actions.length - legal.length);
  });

  it("lets nothing leave the final states", () => {
    for (const from of ["held", "declined", "cancelled", "expired"] as const) {
      for (const action of actions) expect(nextState(from, action).ok).toBe(false);
    }
  });
});

describe("who may act", () => {
  const request = { partnerId: "partner-1", municipalityKey: "ulm" };
  const thePartner = actor({ personId: "partner-1", contactOf: null, isPartner: true });
  const otherPartner = actor({ personId: "partner-2", contactOf: null, isPartner: true });
  const contact = actor();
  const otherContact = actor({ personId: "contact-9", contactOf: "konstanz" });
  const lead = actor({ personId: "lead-1", contactOf: null, isLead: true });

  it.each(["accept", "decline", "mark_held", "mark_not_held"] as const)("lets the request's partner and leads %s, nobody else", (action) => {
    expect(mayPerform(thePartner, action, request)).toBe(true);
    expect(mayPerform(lead, action, request)).toBe(true);
    expect(mayPerform(otherPartner, action, request)).toBe(false);
    expect(mayPerform(contact, action, request)).toBe(false);
  });

  it("lets contacts of the municipality, leads and the request's own partner cancel, not other contacts", () => {
    expect(mayPerform(contact, "cancel", request)).toBe(true);
    expect(mayPerform(lead, "cancel", request)).toBe(true);
    // The partner may ask: what a partner may cancel (a scheduled session, with a reason) is
    // decided by checkPartnerCancel (src/domain/cancellation.ts).
    expect(mayPerform(thePartner, "cancel", request)).toBe(true);
    expect(mayPerform(otherContact, "cancel", request)).toBe(false);
  });

  it("lets only the system expire", () => {
    expect(mayPerform(null, "expire", request)).toBe(true);
    expect(mayPerform(lead, "expire", request)).toBe(false);
    expect(mayPerform(null, "cancel", request)).toBe(false);
  });
});

describe("deciding a transition", () => {
  const now = new Date("2026-05-04T10:00:00+02:00");
  const partnerActor = actor({ personId: "partner-1", contactOf: null, isPartner: true });
  const base = (overrides: Partial<TransitionContext> = {}): TransitionContext => ({
    request: { state: "requested", partnerId: "partner-1", municipalityKey: "ulm", units: 1, scheduledStart: null },
    actor: partnerActor,
    action: "accept",
    now,
    rules: rules({ periodEnd: "2026-12-31" }),
    accept: { start: new Date("2026-05-06T14:00:00+02:00"), format: "video", meetingLink: "https://meet.example/x" },
    ...overrides,
  });

  it("accepts a future session inside the period with a link", () => {
    expect(decideTransition(base())).toEqual({ ok: true, value: { from: "requested", to: "scheduled", event: "accepted" } });
  });

  it("refuses a wrong actor before telling the state", () => {
    const request = { ...base().request, state: "cancelled" as const };
    expect(decideTransition(base({ actor: actor(), request }))).toEqual({ ok: false, code: "forbidden", action: "accept" });
  });

  it("refuses accepting twice as an illegal transition from scheduled", () => {
    const request = { ...base().request, state: "scheduled" as const };
    expect(decideTransition(base({ request }))).toEqual({ ok: false, code: "illegal_transition", from: "scheduled", action: "accept" });
  });

  it("refuses a start in the past or now", () => {
    expect(decideTransition(base({ accept: { start: now, format: "video", meetingLink: "x" } }))).toMatchObject({ code: "start_in_past" });
  });

  it("refuses a session that ends after the period", () => {
    const start = new Date("2026-12-31T23:30:00+01:00");
    expect(decideTransition(base({ accept: { start, format: "video", meetingLink: "x" } }))).toEqual({
      ok: false, code: "start_outside_period", start: "2026-01-01", end: "2026-12-31",
    });
    const fits = new Date("2026-12-31T23:00:00+01:00");
    expect(decideTransition(base({ accept: { start: fits, format: "video", meetingLink: "x" } })).ok).toBe(true);
  });

  it("asks for a link for video and a number for phone", () => {
    const start = new Date("2026-05-06T14:00:00+02:00");
    expect(decideTransition(base({ accept: { start, format: "video", meetingLink: " " } }))).toEqual({ ok: false, code: "meeting_details_missing", format: "video" });
    expect(decideTransition(base({ accept: { start, format: "phone", meetingLink: "x" } }))).toEqual({ ok: false, code: "meeting_details_missing", format: "phone" });
    expect(decideTransition(base({ accept: { start, format: "phone", meetingPhone: "+49 731 1" } })).ok).toBe(true);
  });

  it("marks a session held only once it has started", () => {
    const scheduled = (start: string) => ({ ...base().request, state: "scheduled" as const, scheduledStart: new Date(start) });
    expect(decideTransition(base({ action: "mark_held", request: scheduled("2026-05-04T10:30:00+02:00") }))).toEqual({ ok: false, code: "session_not_started" });
    expect(decideTransition(base({ action: "mark_held", request: scheduled("2026-05-04T10:00:00+02:00") }))).toEqual({
      ok: true, value: { from: "scheduled", to: "held", event: "held" },
    });
  });

  describe("a scheduled session after its start", () => {
    const scheduled = (start: string) => ({ ...base().request, state: "scheduled" as const, scheduledStart: new Date(start) });
    const cancelled = { ok: true, value: { from: "scheduled", to: "cancelled", event: "cancelled" } };
    const contact = actor();
    const lead = actor({ personId: "lead-1", contactOf: null, isLead: true });
    const leadAndContact = actor({ personId: "lead-2", contactOf: "ulm", isLead: true });

    it("a contact may cancel it until the minute before its start", () => {
      expect(decideTransition(base({ action: "cancel", actor: contact, request: scheduled("2026-05-04T10:01:00+02:00") }))).toEqual(cancelled);
    });

    it("from its start on, a contact's cancel is refused (the unit is not handed back)", () => {
      for (const start of ["2026-05-04T10:00:00+02:00", "2026-05-04T09:00:00+02:00", "2026-04-01T09:00:00+02:00"]) {
        expect(decideTransition(base({ action: "cancel", actor: contact, request: scheduled(start) }))).toEqual({ ok: false, code: "session_already_started" });
      }
    });

    it("the partner may still report it held or not held", () => {
      const request = scheduled("2026-05-04T09:00:00+02:00");
      expect(decideTransition(base({ action: "mark_held", request })).ok).toBe(true);
      expect(decideTransition(base({ action: "mark_not_held", request }))).toEqual({ ok: true, value: { from: "scheduled", to: "cancelled", event: "not_held" } });
    });

    it("a lead's correction may still cancel it", () => {
      const request = scheduled("2026-05-04T09:00:00+02:00");
      expect(decideTransition(base({ action: "cancel", actor: lead, request }))).toEqual(cancelled);
      expect(decideTransition(base({ action: "cancel", actor: leadAndContact, request }))).toEqual(cancelled);
    });

    it("a request without a date (not yet accepted) can still be cancelled", () => {
      expect(decideTransition(base({ action: "cancel", actor: contact }))).toEqual({ ok: true, value: { from: "requested", to: "cancelled", event: "cancelled" } });
    });

    it("the decision follows the clock passed in, not the machine's", () => {
      const request = scheduled("2026-05-04T10:30:00+02:00");
      expect(decideTransition(base({ action: "cancel", actor: contact, request, now: new Date("2026-05-04T10:29:59+02:00") })).ok).toBe(true);
      expect(decideTransition(base({ action: "cancel", actor: contact, request, now: new Date("2026-05-04T10:30:00+02:00") })).ok).toBe(false);
    });
  });

  it("expires with the system as actor and notices 'expired'", () => {
    expect(decideTransition(base({ action: "expire", actor: null }))).toEqual({ ok: true, value: { from: "requested", to: "expired", event: "expired" } });
  });
});
