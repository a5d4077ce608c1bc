import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { moveRequest } from "../../src/db/move-request.ts";
import { createSparringService } from "../../src/db/sparring-service.ts";
import type { SparringService } from "../../src/domain/service.ts";
import type { SessionRequest } from "../../src/domain/types.ts";
import { clearRequests, insertRequests, openTestDatabase, seedProgramme, type SeededProgramme } from "../support/fixtures.ts";

let db: Database;
let cleanup: () => Promise<void>;
let seed: SeededProgramme;
let service: SparringService;
const now = new Date("2026-03-09T10:00:00+01:00");
const clock = () => now;
let counter = 0;
const key = () => `move-${++counter}`;

beforeAll(async () => {
  ({ db, cleanup } = await openTestDatabase("pglite"));
  seed = await seedProgramme(db.prisma);
  service = createSparringService(db, clock);
});
afterAll(() => cleanup());
beforeEach(() => clearRequests(db.prisma));

async function requested(partnerId = seed.people.partner.id, slackId = seed.people.contact.slackId): Promise<SessionRequest> {
  const result = await service.requestSession(slackId, {
    partnerId, topics: [seed.topics.onlineEvents], question: "Frage", preferredFormat: "video", preferredTimes: "",
  }, key());
  if (!result.ok) throw new Error(result.code);
  return result.value;
}

const lead = () => seed.people.lead.slackId;
const konstanz = "landkreis-konstanz";

describe("moving a request", () => {
  it("moves a request to another municipality with an audit row, a notice and the reason", async () => {
    const request = await requested();
    const result = await moveRequest(db.prisma, clock, lead(), request.id, { municipalityKey: konstanz, reason: "falsche Kommune gewählt" }, key());
    expect(result).toMatchObject({ ok: true, value: { id: request.id, municipalityKey: konstanz, municipalityName: "Landkreis Konstanz", state: "requested", countsAssigned: false } });
    const events = await db.prisma.requestEvent.findMany({ where: { requestId: request.id }, orderBy: { id: "asc" } });
    expect(events[1]).toMatchObject({
      actorId: seed.people.lead.id, at: now, fromState: "requested", toState: "requested", reason: "falsche Kommune gewählt",
      details: {
        from: { municipalityKey: "ulm", partnerId: seed.people.partner.id, countsAssigned: false },
        to: { municipalityKey: konstanz, partnerId: seed.people.partner.id, countsAssigned: false },
      },
    });
    const notices = (await db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } })).map((m) => m.payload);
    expect(notices.at(-1)).toEqual({
      kind: "request", event: "moved", requestId: request.id, actorId: seed.people.lead.id,
      move: { fromPartnerId: seed.people.partner.id, fromMunicipalityKey: "ulm", fromState: "requested", toState: "requested", fromStart: null, notify: true, handedOver: [] },
    });
    expect(await service.quotaOf("ulm")).toMatchObject({ used: 0 });
    expect(await service.quotaOf(konstanz)).toMatchObject({ used: 1 });
  });

  it("refuses people who are not leads, a missing reason and nothing to move", async () => {
    const request = await requested();
    expect(await moveRequest(db.prisma, clock, seed.people.contact.slackId, request.id, { municipalityKey: konstanz, reason: "x" }, key()))
      .toEqual({ ok: false, code: "forbidden", action: "move" });
    expect(await moveRequest(db.prisma, clock, "UNOBODY404", request.id, { municipalityKey: konstanz, reason: "x" }, key()))
      .toEqual({ ok: false, code: "unknown_person" });
    expect(await moveRequest(db.prisma, clock, lead(), request.id, { municipalityKey: konstanz, reason: "  " }, key()))
      .toEqual({ ok: false, code: "invalid_input", field: "reason" });
    expect(await moveRequest(db.prisma, clock, lead(), request.id, { municipalityKey: "ulm", reason: "x" }, key()))
      .toEqual({ ok: false, code: "invalid_input", field: "municipalityKey" });
    expect(await moveRequest(db.prisma, clock, lead(), request.id, { municipalityKey: "atlantis", reason: "x" }, key()))
      .toEqual({ ok: false, code: "municipality_unknown" });
    expect(await moveRequest(db.prisma, clock, lead(), request.id, { municipalityKey: "freiburg", reason: "x" }, key()))
      .toEqual({ ok: false, code: "not_eligible", municipality: "Freiburg", cohort: "2016/17" });
    expect(await moveRequest(db.prisma, clock, lead(), request.id, { partnerId: seed.people.inactivePartner.id, reason: "x" }, key()))
      .toEqual({ ok: false, code: "partner_inactive", partner: "Ines Inaktiv" });
    expect(await moveRequest(db.prisma, clock, lead(), "00000000-0000-4000-8000-000000000000", { municipalityKey: konstanz, reason: "x" }, key()))
      .toEqual({ ok: false, code: "request_not_found" });
    expect(await db.prisma.requestEvent.count({ where: { requestId: request.id } })).toBe(1);
  });

  it("re-checks the quota of the target municipality with the numbers", async () => {
    await insertRequests(db.prisma, { municipalityKey: konstanz, requesterId: seed.people.otherContact.id, partnerId: seed.people.partner.id, count: 12 });
    const request = await requested();
    expect(await moveRequest(db.prisma, clock, lead(), request.id, { municipalityKey: konstanz, reason: "x" }, key()))
      .toEqual({ ok: false, code: "quota_exhausted", used: 12, limit: 12 });
    expect(await service.request(request.id)).toMatchObject({ municipalityKey: "ulm" });
  });

  it("recomputes the sub-quota for the new partner and refuses when it is used up", async () => {
    await insertRequests(db.prisma, { municipalityKey: "ulm", requesterId: seed.people.contact.id, partnerId: seed.people.assignedPartner.id, count: 4, countsAssigned: true });
    const assigned = await requested(seed.people.assignedPartner.id);
    expect(assigned.countsAssigned).toBe(true);
    const free = await requested();
    // 5 of 5 with the assigned partner: moving another request to them is refused.
    expect(await moveRequest(db.prisma, clock, lead(), free.id, { partnerId: seed.people.assignedPartner.id, reason: "x" }, key()))
      .toEqual({ ok: false, code: "assigned_quota_exhausted", used: 5, limit: 5 });
    // Moving the assigned one to the free partner releases its sub-quota unit; moving it back fits again.
    const moved = await moveRequest(db.prisma, clock, lead(), assigned.id, { partnerId: seed.people.partner.id, reason: "x" }, key());
    expect(moved).toMatchObject({ ok: true, value: { partnerId: seed.people.partner.id, countsAssigned: false } });
    expect(await service.quotaOf("ulm")).toMatchObject({ used: 6, assignedUsed: 4 });
    const back = await moveRequest(db.prisma, clock, lead(), free.id, { partnerId: seed.people.assignedPartner.id, reason: "x" }, key());
    expect(back).toMatchObject({ ok: true, value: { partnerId: seed.people.assignedPartner.id, countsAssigned: true } });
    // To Konstanz, where the assigned partner is not assigned, it no longer counts against the sub-quota.
    const away = await moveRequest(db.prisma, clock, lead(), free.id, { municipalityKey: konstanz, reason: "x" }, key());
    expect(away).toMatchObject({ ok: true, value: { municipalityKey: konstanz, countsAssigned: false } });
  });

  it("moves held units for accounting but not declined, cancelled or expired requests", async () => {
    await insertRequests(db.prisma, { municipalityKey: "ulm", requesterId: seed.people.contact.id, partnerId: seed.people.partner.id, count: 1, state: "held" });
    await insertRequests(db.prisma, { municipalityKey: "ulm", requesterId: seed.people.contact.id, partnerId: seed.people.partner.id, count: 1, state: "declined" });
    const held = await db.prisma.sessionRequest.findFirstOrThrow({ where: { state: "held" } });
    const declined = await db.prisma.sessionRequest.findFirstOrThrow({ where: { state: "declined" } });
    expect(await moveRequest(db.prisma, clock, lead(), held.id, { municipalityKey: konstanz, reason: "Abrechnungskorrektur" }, key()))
      .toMatchObject({ ok: true, value: { state: "held", municipalityKey: konstanz } });
    expect(await moveRequest(db.prisma, clock, lead(), declined.id, { municipalityKey: konstanz, reason: "x" }, key()))
      .toEqual({ ok: false, code: "illegal_transition", from: "declined", action: "move" });
  });

  it("a scheduled session moved to another partner is asked again: old date as preferred time, link dropped, DMs handed over", async () => {
    const request = await requested();
    const start = new Date("2026-03-12T14:00:00+01:00");
    const accepted = await service.acceptRequest(seed.people.partner.slackId, request.id, { start, format: "video", meetingLink: "https://meet.example/old" }, key());
    expect(accepted.ok).toBe(true);
    await db.prisma.slackMessage.create({ data: { requestId: request.id, purpose: "partner_request", channel: "DOLD", ts: "1.000001" } });
    // The old partner had proposed another date; the move ends that proposal (the requester can no longer accept it).
    const proposed = await service.proposeNewDate(seed.people.partner.slackId, request.id, { start: new Date("2026-03-13T10:00:00+01:00"), format: "video", meetingLink: "https://meet.example/new" }, key());
    expect(proposed.ok).toBe(true);
    const proposal = await db.prisma.rescheduleProposal.findFirstOrThrow({ where: { requestId: request.id, state: "open" } });
    const result = await moveRequest(db.prisma, clock, lead(), request.id, { partnerId: seed.people.assignedPartner.id, reason: "Vertretung" }, key());
    expect(result).toMatchObject({
      ok: true,
      value: { state: "requested", partnerId: seed.people.assignedPartner.id, scheduledStart: null, format: null, meetingLink: null, meetingPhone: null, preferredTimes: "2026-03-12 14:00", preferredFormat: "video" },
    });
    const [record] = await db.prisma.slackMessage.findMany({ where: { requestId: request.id } });
    expect(record?.purpose).toMatch(/^partner_request:handed_over:\d+$/);
    const event = await db.prisma.requestEvent.findFirstOrThrow({ where: { requestId: request.id }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ fromState: "scheduled", toState: "requested", reason: "Vertretung", details: expect.objectContaining({ scheduledStart: start.toISOString() }) });
    const notice = (await db.prisma.outboxMessage.findMany({ orderBy: { id: "desc" }, take: 1 }))[0]?.payload;
    expect(notice).toMatchObject({ move: { fromState: "scheduled", toState: "requested", fromStart: start.toISOString(), notify: true, handedOver: [record?.purpose] } });
    expect(await db.prisma.rescheduleProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({ state: "void", decidedAt: now, meetingLink: null });
    expect(await service.answerProposal(seed.people.contact.slackId, proposal.id, "accept", key())).toMatchObject({ ok: false });
  });

  it("a held session moved to another partner is only re-attributed: state stays, nobody is to be told", async () => {
    await insertRequests(db.prisma, { municipalityKey: "ulm", requesterId: seed.people.contact.id, partnerId: seed.people.partner.id, count: 1, state: "held" });
    const held = await db.prisma.sessionRequest.findFirstOrThrow({ where: { state: "held" } });
    expect(await moveRequest(db.prisma, clock, lead(), held.id, { partnerId: seed.people.assignedPartner.id, reason: "Abrechnung" }, key()))
      .toMatchObject({ ok: true, value: { state: "held", partnerId: seed.people.assignedPartner.id } });
    const notice = (await db.prisma.outboxMessage.findMany({ orderBy: { id: "desc" }, take: 1 }))[0]?.payload;
    expect(notice).toMatchObject({ move: { fromState: "held", toState: "held", notify: false } });
  });

  it("replays the first result for the same idempotency key and writes nothing more", async () => {
    const request = await requested();
    const same = key();
    const first = await moveRequest(db.prisma, clock, lead(), request.id, { municipalityKey: konstanz, reason: "x" }, same);
    const second = await moveRequest(db.prisma, clock, lead(), request.id, { municipalityKey: konstanz, reason: "x" }, same);
    expect(second).toEqual(first);
    expect(await db.prisma.requestEvent.count({ where: { requestId: request.id } })).toBe(2);
  });
});
