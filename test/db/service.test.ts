import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { createSparringService } from "../../src/db/sparring-service.ts";
import { storedKey } from "../../src/db/idempotency.ts";
import type { RequestInput, SparringService } from "../../src/domain/service.ts";
import type { SessionRequest } from "../../src/domain/types.ts";
import { clearRequests, insertRequests, openTestDatabase, seedProgramme, type SeededProgramme } from "../support/fixtures.ts";

let db: Database;
let cleanup: () => Promise<void>;
let seed: SeededProgramme;
let service: SparringService;
/** Monday 9 March 2026, 10:00 in Berlin. */
const monday = new Date("2026-03-09T10:00:00+01:00");
let now = monday;
let keyCounter = 0;
const key = () => `key-${++keyCounter}`;

beforeAll(async () => {
  ({ db, cleanup } = await openTestDatabase("pglite"));
  seed = await seedProgramme(db.prisma);
  service = createSparringService(db, () => now);
});
afterAll(() => cleanup());
beforeEach(async () => {
  now = monday;
  await clearRequests(db.prisma);
});

const input = (overrides: Partial<RequestInput> = {}): RequestInput => ({
  partnerId: seed.people.partner.id,
  topics: [seed.topics.onlineEvents],
  question: "Wie erreichen wir stille Gruppen?",
  preferredFormat: "video",
  preferredTimes: "vormittags",
  ...overrides,
});

async function requested(slackId = seed.people.contact.slackId, overrides: Partial<RequestInput> = {}): Promise<SessionRequest> {
  const result = await service.requestSession(slackId, input(overrides), key());
  if (!result.ok) throw new Error(`request refused: ${result.code}`);
  return result.value;
}

const inTwoDays = () => new Date(now.getTime() + 2 * 86_400_000);
const acceptInput = () => ({ start: inTwoDays(), format: "video" as const, meetingLink: "https://meet.example/abc" });

async function scheduled(): Promise<SessionRequest> {
  const request = await requested();
  const result = await service.acceptRequest(seed.people.partner.slackId, request.id, acceptInput(), key());
  if (!result.ok) throw new Error(`accept refused: ${result.code}`);
  return result.value;
}

const counts = async () => ({
  requests: await db.prisma.sessionRequest.count(),
  events: await db.prisma.requestEvent.count(),
  outbox: await db.prisma.outboxMessage.count(),
});

const eventsOf = (requestId: string) =>
  db.prisma.requestEvent.findMany({ where: { requestId }, orderBy: { id: "asc" } });
const noticesOf = async (requestId: string) =>
  (await db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } }))
    .map((m) => ({ kind: m.kind, payload: m.payload as Record<string, unknown> }))
    .filter((m) => m.payload.requestId === requestId);

describe("reading the programme and people", () => {
  it("maps the programme's rules with calendar-day period and digest settings", async () => {
    expect(await service.programme()).toMatchObject({
      periodStart: "2026-01-01", periodEnd: "2027-12-31", timezone: "Europe/Berlin", holidayRegion: "BW",
      cohorts: ["2018/19", "2020/21"], quotaUnits: 12, assignedQuotaUnits: 5, unitMinutes: 60,
      digest: { channel: null, weekday: 1, time: "08:00" },
    });
  });

  it("lists topics without retired ones unless asked", async () => {
    expect((await service.topics()).map((t) => t.key)).not.toContain(seed.topics.retired);
    expect((await service.topics({ includeRetired: true })).map((t) => t.key)).toContain(seed.topics.retired);
  });

  it("knows contacts, partners and leads by Slack id and nobody else", async () => {
    expect(await service.whoIs(seed.people.contact.slackId)).toMatchObject({
      personId: seed.people.contact.id, contactOf: seed.municipalities.eligible, isLead: false, isPartner: false,
    });
    expect(await service.whoIs(seed.people.partner.slackId)).toMatchObject({ isPartner: true, contactOf: null });
    expect(await service.whoIs(seed.people.lead.slackId)).toMatchObject({ isLead: true, isPartner: false });
    expect(await service.whoIs("UUNKNOWN")).toBeNull();
  });

  it("does not know a deactivated person", async () => {
    await db.prisma.person.update({ where: { id: seed.people.nobody.id }, data: { active: false } });
    try {
      expect(await service.whoIs(seed.people.nobody.slackId)).toBeNull();
    } finally {
      await db.prisma.person.update({ where: { id: seed.people.nobody.id }, data: { active: true } });
    }
  });

  it("remembers a person's Slack locale and when it was checked", async () => {
    await service.rememberLocale(seed.people.nobody.slackId, "en", monday);
    expect(await service.storedLocale(seed.people.nobody.slackId)).toEqual({ locale: "en", checkedAt: monday });
    const row = await db.prisma.person.findUniqueOrThrow({ where: { id: seed.people.nobody.id } });
    expect(row.localeCheckedAt).toEqual(monday);
  });
});

describe("requesting a session", () => {
  it("reserves a unit, records who asked and queues a notice, all at the clock's time", async () => {
    const request = await requested();
    expect(request).toMatchObject({
      municipalityKey: "ulm", municipalityName: "Ulm", requesterId: seed.people.contact.id, requesterName: "Kim Kontakt",
      partnerId: seed.people.partner.id, partnerName: "Paula Partner", partnerSlackId: "UPARTNER1",
      topics: ["online-events"], units: 1, countsAssigned: false, state: "requested", createdAt: monday,
    });
    expect(await service.request(request.id)).toEqual(request);
    expect(await eventsOf(request.id)).toMatchObject([{ actorId: seed.people.contact.id, at: monday, fromState: null, toState: "requested" }]);
    expect(await noticesOf(request.id)).toEqual([
      { kind: "request", payload: { kind: "request", event: "requested", requestId: request.id, actorId: seed.people.contact.id } },
    ]);
    expect(await service.quotaOf("ulm")).toMatchObject({ used: 1, pending: 1, remaining: 11 });
  });

  it("counts a request to a partner assigned to the municipality against the sub-quota", async () => {
    const request = await requested(undefined, { partnerId: seed.people.assignedPartner.id });
    expect(request.countsAssigned).toBe(true);
    expect(await service.quotaOf("ulm")).toMatchObject({ used: 1, assignedUsed: 1, assignedRemaining: 4 });
  });

  const refusals: Array<[string, () => [string, Partial<RequestInput>], Record<string, unknown>]> = [
    ["an unknown Slack user", () => ["UNOBODY404", {}], { code: "unknown_person" }],
    ["a person who is no contact", () => [seed.people.lead.slackId, {}], { code: "not_a_contact" }],
    ["a municipality outside the cohorts", () => [seed.people.wrongCohortContact.slackId, {}], { code: "not_eligible", municipality: "Freiburg", cohort: "2016/17" }],
    ["an inactive municipality", () => [seed.people.inactiveMunicipalityContact.slackId, {}], { code: "municipality_inactive", municipality: "Heidelberg" }],
    ["an inactive partner", () => [seed.people.contact.slackId, { partnerId: seed.people.inactivePartner.id }], { code: "partner_inactive", partner: "Ines Inaktiv" }],
    ["an unknown partner id", () => [seed.people.contact.slackId, { partnerId: "2b1c3f9e-0000-4000-8000-000000000000" }], { code: "partner_unknown" }],
    ["a malformed partner id", () => [seed.people.contact.slackId, { partnerId: "not-a-uuid" }], { code: "partner_unknown" }],
    ["a person without partner profile as partner", () => [seed.people.contact.slackId, { partnerId: seed.people.lead.id }], { code: "partner_unknown" }],
    ["no topic", () => [seed.people.contact.slackId, { topics: [] }], { code: "no_topic" }],
    ["an unknown topic", () => [seed.people.contact.slackId, { topics: ["astrology"] }], { code: "topic_unknown", topic: "astrology" }],
    ["a retired topic", () => [seed.people.contact.slackId, { topics: ["retired-topic"], partnerId: seed.people.partner.id }], { code: "topic_retired", topic: { key: "retired-topic", labelDe: "Altes Thema", labelEn: "Old topic" } }],
    ["a topic the partner does not offer", () => [seed.people.contact.slackId, { topics: ["online-events", "surveys"] }], { code: "topic_not_offered", topic: { key: "surveys", labelDe: "Beratung zur Durchführung von Umfragen", labelEn: "Surveys" } }],
    ["two units when one is allowed", () => [seed.people.contact.slackId, { units: 2 }], { code: "units_invalid", max: 1 }],
    ["an empty question", () => [seed.people.contact.slackId, { question: " " }], { code: "invalid_input", field: "question" }],
  ];
  it.each(refusals)("refuses %s and writes nothing but the idempotency record", async (_name, args, expected) => {
    const [slackId, overrides] = args();
    expect(await service.requestSession(slackId, input(overrides), key())).toEqual({ ok: false, ...expected });
    expect(await counts()).toEqual({ requests: 0, events: 0, outbox: 0 });
  });

  it("refuses before the programme starts and after it ended, with the day", async () => {
    now = new Date("2025-12-31T22:59:00Z");
    expect(await service.requestSession(seed.people.contact.slackId, input(), key())).toEqual({ ok: false, code: "programme_not_started", start: "2026-01-01" });
    now = new Date("2027-12-31T23:00:00Z"); // 1 Jan 2028, 00:00 in Berlin
    expect(await service.requestSession(seed.people.contact.slackId, input(), key())).toEqual({ ok: false, code: "programme_ended", end: "2027-12-31" });
    now = new Date("2027-12-31T22:59:00Z");
    expect((await service.requestSession(seed.people.contact.slackId, input(), key())).ok).toBe(true);
  });

  it("refuses the 13th unit with the numbers, counting requested, scheduled and held", async () => {
    const { contact, partner } = seed.people;
    await insertRequests(db.prisma, { municipalityKey: "ulm", requesterId: contact.id, partnerId: partner.id, count: 4, state: "held" });
    await insertRequests(db.prisma, { municipalityKey: "ulm", requesterId: contact.id, partnerId: partner.id, count: 3, state: "scheduled" });
    for (let i = 0; i < 5; i++) await requested(i % 2 ? seed.people.contact2.slackId : contact.slackId);
    expect(await service.requestSession(contact.slackId, input(), key())).toEqual({ ok: false, code: "quota_exhausted", used: 12, limit: 12 });
    expect(await service.quotaOf("ulm")).toMatchObject({ used: 12, held: 4, scheduled: 3, pending: 5, remaining: 0 });
    expect(await db.prisma.sessionRequest.count()).toBe(12);
  });

  it("does not count declined, cancelled or expired requests", async () => {
    const { contact, partner } = seed.people;
    for (const state of ["declined", "cancelled", "expired"] as const) {
      await insertRequests(db.prisma, { municipalityKey: "ulm", requesterId: contact.id, partnerId: partner.id, count: 4, state });
    }
    await insertRequests(db.prisma, { municipalityKey: "ulm", requesterId: contact.id, partnerId: partner.id, count: 11, state: "held" });
    expect((await service.requestSession(contact.slackId, input(), key())).ok).toBe(true);
  });

  it("refuses a 6th unit with assigned partners with the numbers, but not with a free partner", async () => {
    for (let i = 0; i < 5; i++) await requested(undefined, { partnerId: seed.people.assignedPartner.id });
    expect(await service.requestSession(seed.people.contact.slackId, input({ partnerId: seed.people.assignedPartner.id }), key())).toEqual({
      ok: false, code: "assigned_quota_exhausted", used: 5, limit: 5,
    });
    expect((await requested()).countsAssigned).toBe(false);
    expect(await service.quotaOf("ulm", { partnerId: seed.people.assignedPartner.id })).toMatchObject({
      used: 6, assignedUsed: 5, assignedRemaining: 0, remaining: 6, partnerAssigned: true,
    });
  });

  it("keeps the quotas of municipalities apart", async () => {
    const { contact, partner } = seed.people;
    await insertRequests(db.prisma, { municipalityKey: "ulm", requesterId: contact.id, partnerId: partner.id, count: 12 });
    expect((await requested(seed.people.otherContact.slackId)).municipalityKey).toBe("landkreis-konstanz");
  });
});

describe("answering a request", () => {
  it("accepts with date, format and link, and records the change", async () => {
    const request = await requested();
    now = new Date(monday.getTime() + 3_600_000);
    const start = new Date("2026-03-12T14:00:00+01:00");
    const result = await service.acceptRequest(seed.people.partner.slackId, request.id, { start, format: "video", meetingLink: "https://meet.example/x" }, key());
    expect(result).toMatchObject({ ok: true, value: { state: "scheduled", scheduledStart: start, format: "video", meetingLink: "https://meet.example/x", updatedAt: now } });
    expect(await service.request(request.id)).toEqual(result.ok && result.value);
    expect((await eventsOf(request.id))[1]).toMatchObject({
      actorId: seed.people.partner.id, at: now, fromState: "requested", toState: "scheduled",
      details: { start: start.toISOString(), format: "video" },
    });
    expect((await noticesOf(request.id)).map((n) => n.payload.event)).toEqual(["requested", "accepted"]);
  });

  it("lets a lead accept for the partner", async () => {
    const request = await requested();
    const result = await service.acceptRequest(seed.people.lead.slackId, request.id, acceptInput(), key());
    expect(result).toMatchObject({ ok: true, value: { state: "scheduled" } });
    expect((await eventsOf(request.id))[1]?.actorId).toBe(seed.people.lead.id);
  });

  it("refuses an accept without details, in the past or outside the period, and changes nothing", async () => {
    const request = await requested();
    const partner = seed.people.partner.slackId;
    expect(await service.acceptRequest(partner, request.id, { start: inTwoDays(), format: "phone" }, key())).toEqual({ ok: false, code: "meeting_details_missing", format: "phone" });
    expect(await service.acceptRequest(partner, request.id, { ...acceptInput(), start: new Date(monday.getTime() - 1) }, key())).toEqual({ ok: false, code: "start_in_past" });
    expect(await service.acceptRequest(partner, request.id, { ...acceptInput(), start: new Date("2028-01-03T10:00:00+01:00") }, key())).toEqual({
      ok: false, code: "start_outside_period", start: "2026-01-01", end: "2027-12-31",
    });
    expect((await service.request(request.id))?.state).toBe("requested");
    expect(await eventsOf(request.id)).toHaveLength(1);
  });

  it("refuses an accept by another partner or by the contact", async () => {
    const request = await requested();
    expect(await service.acceptRequest(seed.people.assignedPartner.slackId, request.id, acceptInput(), key())).toEqual({ ok: false, code: "forbidden", action: "accept" });
    expect(await service.acceptRequest(seed.people.contact.slackId, request.id, acceptInput(), key())).toEqual({ ok: false, code: "forbidden", action: "accept" });
    expect(await service.acceptRequest("UNOBODY404", request.id, acceptInput(), key())).toEqual({ ok: false, code: "unknown_person" });
  });

  it("refuses a second accept as an illegal transition from scheduled", async () => {
    const request = await scheduled();
    expect(await service.acceptRequest(seed.people.partner.slackId, request.id, acceptInput(), key())).toEqual({
      ok: false, code: "illegal_transition", from: "scheduled", action: "accept",
    });
    expect(await eventsOf(request.id)).toHaveLength(2);
  });

  it("refuses to accept a cancelled request", async () => {
    const request = await requested();
    await service.cancelRequest(seed.people.contact.slackId, request.id, {}, key());
    expect(await service.acceptRequest(seed.people.partner.slackId, request.id, acceptInput(), key())).toEqual({
      ok: false, code: "illegal_transition", from: "cancelled", action: "accept",
    });
  });

  it("answers request_not_found for unknown and malformed ids", async () => {
    expect(await service.acceptRequest(seed.people.partner.slackId, "2b1c3f9e-0000-4000-8000-000000000000", acceptInput(), key())).toEqual({ ok: false, code: "request_not_found" });
    expect(await service.cancelRequest(seed.people.contact.slackId, "42", {}, key())).toEqual({ ok: false, code: "request_not_found" });
  });

  it("declines with a reason, releases the unit and records the reason", async () => {
    const { contact, partner } = seed.people;
    await insertRequests(db.prisma, { municipalityKey: "ulm", requesterId: contact.id, partnerId: partner.id, count: 11 });
    const request = await requested();
    expect((await service.requestSession(contact.slackId, input(), key())).ok).toBe(false);
    const result = await service.declineRequest(partner.slackId, request.id, { reason: "Keine Zeit" }, key());
    expect(result).toMatchObject({ ok: true, value: { state: "declined", declineReason: "Keine Zeit" } });
    expect((await eventsOf(request.id))[1]).toMatchObject({ actorId: partner.id, fromState: "requested", toState: "declined", reason: "Keine Zeit" });
    expect((await noticesOf(request.id)).map((n) => n.payload.event)).toEqual(["requested", "declined"]);
    expect((await service.requestSession(contact.slackId, input(), key())).ok).toBe(true);
  });
});

describe("cancelling and closing sessions", () => {
  it("lets a colleague of the requester cancel a scheduled session, releasing the unit", async () => {
    const request = await scheduled();
    const result = await service.cancelRequest(seed.people.contact2.slackId, request.id, { reason: "Termin passt nicht" }, key());
    expect(result).toMatchObject({ ok: true, value: { state: "cancelled" } });
    expect((await eventsOf(request.id)).map((e) => [e.fromState, e.toState, e.actorId])).toEqual([
      [null, "requested", seed.people.contact.id],
      ["requested", "scheduled", seed.people.partner.id],
      ["scheduled", "cancelled", seed.people.contact2.id],
    ]);
    expect((await eventsOf(request.id))[2]?.reason).toBe("Termin passt nicht");
    expect((await noticesOf(request.id)).map((n) => n.payload.event)).toEqual(["requested", "accepted", "cancelled"]);
    expect(await service.quotaOf("ulm")).toMatchObject({ used: 0 });
  });

  it("lets a lead cancel an open request, but not its partner (who declines it) or another municipality's contact", async () => {
    const request = await requested();
    expect(await service.cancelRequest(seed.people.partner.slackId, request.id, {}, key())).toEqual({ ok: false, code: "illegal_transition", from: "requested", action: "cancel" });
    expect(await service.cancelRequest(seed.people.otherContact.slackId, request.id, {}, key())).toEqual({ ok: false, code: "forbidden", action: "cancel" });
    expect(await service.cancelRequest(seed.people.lead.slackId, request.id, {}, key())).toMatchObject({ ok: true, value: { state: "cancelled" } });
  });

  it("marks a session held only after it started, then counts it as held", async () => {
    const request = await scheduled();
    expect(await service.markHeld(seed.people.partner.slackId, request.id, key())).toEqual({ ok: false, code: "session_not_started" });
    now = new Date(request.scheduledStart!.getTime() + 60_000);
    expect(await service.markHeld(seed.people.partner.slackId, request.id, key())).toMatchObject({ ok: true, value: { state: "held" } });
    expect((await eventsOf(request.id))[2]).toMatchObject({ fromState: "scheduled", toState: "held", at: now });
    expect(await service.quotaOf("ulm")).toMatchObject({ used: 1, held: 1 });
    expect(await service.cancelRequest(seed.people.contact.slackId, request.id, {}, key())).toEqual({ ok: false, code: "illegal_transition", from: "held", action: "cancel" });
  });

  it("marks a session not held as cancelled with a 'not_held' notice and releases the unit", async () => {
    const request = await scheduled();
    now = new Date(request.scheduledStart!.getTime() + 60_000);
    expect(await service.markNotHeld(seed.people.partner.slackId, request.id, { reason: "Niemand kam" }, key())).toMatchObject({ ok: true, value: { state: "cancelled" } });
    expect((await noticesOf(request.id)).map((n) => n.payload.event)).toEqual(["requested", "accepted", "not_held"]);
    expect(await service.quotaOf("ulm")).toMatchObject({ used: 0 });
  });

  it("refuses to mark an unanswered request held", async () => {
    const request = await requested();
    expect(await service.markHeld(seed.people.partner.slackId, request.id, key())).toEqual({ ok: false, code: "illegal_transition", from: "requested", action: "mark_held" });
  });
});

describe("idempotency", () => {
  it("returns the first result for the same key and writes the request once", async () => {
    const first = await service.requestSession(seed.people.contact.slackId, input(), "click-1");
    const second = await service.requestSession(seed.people.contact.slackId, input(), "click-1");
    expect(second).toEqual(first);
    expect(await counts()).toEqual({ requests: 1, events: 1, outbox: 1 });
  });

  it("returns the same result to two parallel calls with one key", async () => {
    const [a, b] = await Promise.all([
      service.requestSession(seed.people.contact.slackId, input(), "click-2"),
      service.requestSession(seed.people.contact.slackId, input(), "click-2"),
    ]);
    expect(a).toEqual(b);
    expect(await counts()).toEqual({ requests: 1, events: 1, outbox: 1 });
  });

  it("replays a refusal as it was, even after the reason went away", async () => {
    const refused = await service.requestSession(seed.people.contact.slackId, input({ topics: ["astrology"] }), "click-3");
    expect(refused).toMatchObject({ code: "topic_unknown" });
    expect(await service.requestSession(seed.people.contact.slackId, input(), "click-3")).toEqual(refused);
    expect(await counts()).toEqual({ requests: 0, events: 0, outbox: 0 });
  });

  it("replays an accept as success instead of an illegal transition, with one event", async () => {
    const request = await requested();
    const first = await service.acceptRequest(seed.people.partner.slackId, request.id, acceptInput(), "accept-1");
    const again = await service.acceptRequest(seed.people.partner.slackId, request.id, acceptInput(), "accept-1");
    expect(first.ok).toBe(true);
    expect(again).toEqual(first);
    expect(await eventsOf(request.id)).toHaveLength(2);
    expect(await db.prisma.idempotencyKey.count({ where: { key: storedKey("accept-1") } })).toBe(1);
    expect(await db.prisma.idempotencyKey.count({ where: { key: "accept-1" } })).toBe(0); // kept as a hash only
  });

  it("treats a key reused for another operation as a bug", async () => {
    const request = await requested();
    await service.acceptRequest(seed.people.partner.slackId, request.id, acceptInput(), "mixed-1");
    await expect(service.cancelRequest(seed.people.contact.slackId, request.id, {}, "mixed-1")).rejects.toThrow(/mixed-1/);
  });
});

describe("expiry", () => {
  it("expires an unanswered request at 00:00 after five working days, as the system, once", async () => {
    const request = await requested();
    const other = await requested();
    await service.acceptRequest(seed.people.partner.slackId, other.id, acceptInput(), key());
    now = new Date("2026-03-16T23:59:59+01:00");
    expect(await service.expireOverdue()).toEqual([]);
    now = new Date("2026-03-17T00:00:00+01:00");
    const expired = await service.expireOverdue();
    expect(expired.map((r) => [r.id, r.state])).toEqual([[request.id, "expired"]]);
    expect((await eventsOf(request.id))[1]).toMatchObject({ actorId: null, at: now, fromState: "requested", toState: "expired" });
    expect((await noticesOf(request.id)).map((n) => n.payload)).toContainEqual({ kind: "request", event: "expired", requestId: request.id, actorId: null });
    expect(await service.expireOverdue()).toEqual([]);
    expect(await service.quotaOf("ulm")).toMatchObject({ used: 1, scheduled: 1, pending: 0 });
  });

  it("expires each request once when two runs overlap", async () => {
    for (let i = 0; i < 3; i++) await requested();
    now = new Date("2026-03-20T10:00:00+01:00");
    const [a, b] = await Promise.all([service.expireOverdue(), service.expireOverdue()]);
    expect(a.length + b.length).toBe(3);
    expect(await db.prisma.requestEvent.count({ where: { toState: "expired" } })).toBe(3);
  });

  it("waits longer over Easter", async () => {
    now = new Date("2026-04-01T09:00:00+02:00");
    const request = await requested();
    now = new Date("2026-04-10T23:00:00+02:00");
    expect(await service.expireOverdue()).toEqual([]);
    now = new Date("2026-04-11T00:00:00+02:00");
    expect((await service.expireOverdue()).map((r) => r.id)).toEqual([request.id]);
  });
});

describe("views for contacts, partners and leads", () => {
  it("lists partners offering all given topics, active ones by default, by name", async () => {
    const names = async (filter?: Parameters<SparringService["partnerDirectory"]>[0]) => (await service.partnerDirectory(filter)).map((p) => p.name);
    expect(await names()).toEqual(["Anton Assigned", "Paula Partner"]);
    expect(await names({ topics: ["online-events", "volunteer-motivation"] })).toEqual(["Paula Partner"]);
    expect(await names({ topics: ["surveys"] })).toEqual([]);
    expect(await names({ topics: ["surveys"], activeOnly: false })).toEqual(["Ines Inaktiv"]);
    expect(await names({ activeOnly: false })).toEqual(["Anton Assigned", "Ines Inaktiv", "Paula Partner"]);
  });

  it("lists a municipality's and a partner's requests newest first", async () => {
    const first = await requested();
    now = new Date(monday.getTime() + 60_000);
    const second = await requested(seed.people.contact2.slackId);
    now = new Date(monday.getTime() + 120_000);
    const elsewhere = await requested(seed.people.otherContact.slackId);
    expect((await service.requestsOfMunicipality("ulm")).map((r) => r.id)).toEqual([second.id, first.id]);
    expect((await service.requestsOfPartner(seed.people.partner.id)).map((r) => r.id)).toEqual([elsewhere.id, second.id, first.id]);
    expect(await service.requestsOfPartner(seed.people.assignedPartner.id)).toEqual([]);
  });

  it("shows a request to its municipality's contacts, its partner and leads only", async () => {
    const request = await requested();
    for (const person of [seed.people.contact2, seed.people.partner, seed.people.lead]) {
      expect(await service.requestFor(person.slackId, request.id)).toMatchObject({ ok: true, value: { id: request.id } });
    }
    for (const person of [seed.people.otherContact, seed.people.assignedPartner, seed.people.nobody]) {
      expect(await service.requestFor(person.slackId, request.id)).toEqual({ ok: false, code: "forbidden", action: "request" });
    }
  });
});
