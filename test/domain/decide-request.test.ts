import { describe, expect, it } from "vitest";
import { decideRequest, type RequestDecisionContext } from "../../src/domain/decide-request.ts";
import { actor, catalogue, municipality, partner, rules } from "./builders.ts";

const now = new Date("2026-05-04T10:00:00+02:00");

function context(overrides: Partial<RequestDecisionContext> = {}): RequestDecisionContext {
  return {
    rules: rules(),
    now,
    actor: actor(),
    municipality: municipality(),
    partner: partner(),
    topics: catalogue,
    usage: { used: 0, assignedUsed: 0 },
    partnerAssigned: false,
    input: { partnerId: "partner-1", topics: ["online"], question: "Wie planen wir?", preferredFormat: "video", preferredTimes: "" },
    ...overrides,
  };
}
const input = (overrides: Partial<RequestDecisionContext["input"]>) => ({ ...context().input, ...overrides });

describe("deciding a request", () => {
  it("grants one unit to an eligible contact with quota left", () => {
    expect(decideRequest(context())).toEqual({ ok: true, value: { units: 1, countsAssigned: false } });
  });

  it("marks a request to an assigned partner as counting against the sub-quota", () => {
    expect(decideRequest(context({ partnerAssigned: true }))).toEqual({ ok: true, value: { units: 1, countsAssigned: true } });
  });

  it("refuses an unknown person, then someone who is no contact", () => {
    expect(decideRequest(context({ actor: null, municipality: null, partner: null }))).toMatchObject({ code: "unknown_person" });
    expect(decideRequest(context({ actor: actor({ contactOf: null }), municipality: null }))).toMatchObject({ code: "not_a_contact" });
  });

  it("refuses an inactive municipality before checking its cohort", () => {
    const m = municipality({ active: false, cohort: "2016" });
    expect(decideRequest(context({ municipality: m }))).toEqual({ ok: false, code: "municipality_inactive", municipality: "Ulm" });
  });

  it("refuses a municipality outside the programme's cohorts, naming the cohort", () => {
    const m = municipality({ cohort: "2016" });
    expect(decideRequest(context({ municipality: m, now: new Date("2030-01-01") }))).toEqual({
      ok: false, code: "not_eligible", municipality: "Ulm", cohort: "2016",
    });
  });

  it("refuses a Landkreis of a round that admits only Kommunen, before anything else about the request", () => {
    const r = rules({ cohortKinds: { "2018/19": ["Kommune", "Landkreis"], "2020/21": ["Kommune"] } });
    const m = municipality({ kind: "Landkreis", cohort: "2020/21" });
    expect(decideRequest(context({ rules: r, municipality: m, partner: null }))).toEqual({
      ok: false, code: "kind_not_eligible", municipality: "Ulm", cohort: "2020/21", kind: "Landkreis", admitted: ["Kommune"],
    });
  });

  it("refuses a format the partner does not offer, naming the partner and the formats offered", () => {
    const videoOnly = partner({ formats: ["video"] });
    expect(decideRequest(context({ partner: videoOnly, input: input({ preferredFormat: "phone" }) }))).toEqual({
      ok: false, code: "format_not_offered", partner: "Paula Partner", format: "phone", offered: ["video"],
    });
    expect(decideRequest(context({ partner: videoOnly, input: input({ preferredFormat: "video" }) }))).toMatchObject({ ok: true });
  });

  it("refuses before and after the programme period", () => {
    expect(decideRequest(context({ now: new Date("2025-12-31T12:00:00Z"), partner: null }))).toEqual({
      ok: false, code: "programme_not_started", start: "2026-01-01",
    });
    expect(decideRequest(context({ now: new Date("2028-01-01T12:00:00Z"), partner: null }))).toEqual({
      ok: false, code: "programme_ended", end: "2027-12-31",
    });
  });

  it("refuses an unknown partner and an inactive one by name", () => {
    expect(decideRequest(context({ partner: null, input: input({ topics: [] }) }))).toMatchObject({ code: "partner_unknown" });
    expect(decideRequest(context({ partner: partner({ active: false }), input: input({ topics: [] }) }))).toEqual({
      ok: false, code: "partner_inactive", partner: "Paula Partner",
    });
  });

  it("checks topics: none, unknown, retired, not offered by the partner", () => {
    expect(decideRequest(context({ input: input({ topics: [], units: 9 }) }))).toMatchObject({ code: "no_topic" });
    expect(decideRequest(context({ input: input({ topics: ["online", "nope"] }) }))).toEqual({ ok: false, code: "topic_unknown", topic: "nope" });
    expect(decideRequest(context({ input: input({ topics: ["old"] }), partner: partner({ topics: ["old"] }) }))).toEqual({
      ok: false, code: "topic_retired", topic: { key: "old", labelDe: "Alt", labelEn: "Old" },
    });
    expect(decideRequest(context({ input: input({ topics: ["online", "conflict"] }), partner: partner({ topics: ["online"] }) }))).toEqual({
      ok: false, code: "topic_not_offered", topic: { key: "conflict", labelDe: "Konflikte", labelEn: "Conflicts" },
    });
  });

  it("refuses units outside 1..maxUnitsPerRequest and allows more when the programme does", () => {
    expect(decideRequest(context({ input: input({ units: 2, question: "" }) }))).toEqual({ ok: false, code: "units_invalid", max: 1 });
    expect(decideRequest(context({ input: input({ units: 0 }) }))).toMatchObject({ code: "units_invalid" });
    expect(decideRequest(context({ input: input({ units: 1.5 }) }))).toMatchObject({ code: "units_invalid" });
    expect(decideRequest(context({ rules: rules({ maxUnitsPerRequest: 2 }), input: input({ units: 2 }) }))).toEqual({
      ok: true, value: { units: 2, countsAssigned: false },
    });
  });

  it("refuses an empty question", () => {
    expect(decideRequest(context({ input: input({ question: "   " }), usage: { used: 12, assignedUsed: 0 } }))).toEqual({
      ok: false, code: "invalid_input", field: "question",
    });
  });

  it("refuses a 13th unit with the numbers", () => {
    expect(decideRequest(context({ usage: { used: 11, assignedUsed: 5 } }))).toMatchObject({ ok: true });
    expect(decideRequest(context({ usage: { used: 12, assignedUsed: 5 }, partnerAssigned: true }))).toEqual({
      ok: false, code: "quota_exhausted", used: 12, limit: 12,
    });
  });

  it("refuses a request that would run past the quota with more units at once", () => {
    const r = rules({ maxUnitsPerRequest: 3 });
    expect(decideRequest(context({ rules: r, usage: { used: 10, assignedUsed: 0 }, input: input({ units: 3 }) }))).toEqual({
      ok: false, code: "quota_exhausted", used: 10, limit: 12,
    });
  });

  it("refuses a 6th unit with an assigned partner but allows it with a free one", () => {
    expect(decideRequest(context({ usage: { used: 5, assignedUsed: 5 }, partnerAssigned: true }))).toEqual({
      ok: false, code: "assigned_quota_exhausted", used: 5, limit: 5,
    });
    expect(decideRequest(context({ usage: { used: 5, assignedUsed: 5 }, partnerAssigned: false }))).toMatchObject({ ok: true });
    expect(decideRequest(context({ usage: { used: 9, assignedUsed: 4 }, partnerAssigned: true }))).toMatchObject({ ok: true });
  });
});
