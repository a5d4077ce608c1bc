import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { moveRequest } from "../../src/db/move-request.ts";
import { enqueueHeldQuestions, enqueueReminders } from "../../src/db/due-sessions.ts";
import { loadRules } from "../../src/db/queries.ts";
import { createSparringService } from "../../src/db/sparring-service.ts";
import type { ProgrammeRules } from "../../src/domain/types.ts";
import { clearRequests, insertRequests, seedProgramme, type SeededProgramme } from "../support/fixtures.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";

/** Two replicas: separate pools on one PostgreSQL database, as two app processes would have. */
let replicas: [Database, Database];
let drop: () => Promise<void>;
let seed: SeededProgramme;
let rules: ProgrammeRules;
const count = 40;

beforeAll(async () => {
  const throwaway = await createThrowawayDatabase();
  drop = throwaway.drop;
  replicas = [await openDatabase({ databaseUrl: throwaway.url, poolSize: 4 }), await openDatabase({ databaseUrl: throwaway.url, poolSize: 4 })];
  seed = await seedProgramme(replicas[0].prisma);
  rules = (await loadRules(replicas[0].prisma))!;
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.close()));
  await drop();
});
beforeEach(() => clearRequests(replicas[0].prisma));

const prisma = () => replicas[0].prisma;
const noticeCount = (event: string) => prisma().outboxMessage.count({ where: { payload: { path: ["event"], equals: event } } });

async function scheduledSessions(start: Date): Promise<void> {
  await insertRequests(prisma(), {
    municipalityKey: "ulm", requesterId: seed.people.contact.id, partnerId: seed.people.partner.id,
    count, state: "scheduled", scheduledStart: start, createdAt: new Date("2026-03-01T10:00:00Z"),
  });
}

describe("jobs on two replicas at once (PostgreSQL)", () => {
  it("writes each reminder exactly once", async () => {
    await scheduledSessions(new Date("2026-03-10T09:00:00+01:00"));
    const now = new Date("2026-03-09T08:00:00+01:00");
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([...replicas, ...replicas].map((r) => enqueueReminders(r.prisma, rules, now)));
      const all = results.flat();
      if (round === 0) expect(new Set(all).size).toBe(count);
      expect(all.length).toBe(round === 0 ? count : 0);
    }
    expect(await noticeCount("reminder_due")).toBe(count);
  });

  it("asks each held question exactly once per round", async () => {
    await scheduledSessions(new Date("2026-03-09T10:00:00+01:00"));
    const first = new Date("2026-03-09T12:00:00+01:00");
    const second = new Date(first.getTime() + 3 * 86_400_000);
    for (const now of [first, second, new Date(second.getTime() + 86_400_000 * 10)]) {
      const results = await Promise.all([...replicas, ...replicas].map((r) => enqueueHeldQuestions(r.prisma, rules, now)));
      const all = results.flat();
      expect(new Set(all.map((a) => a.requestId)).size).toBe(all.length);
      expect(all.length).toBe(now === first || now === second ? count : 0);
    }
    expect(await noticeCount("held_question_due")).toBe(2 * count);
    expect(await prisma().sessionRequest.count({ where: { heldAskCount: 2 } })).toBe(count);
  });
});

describe("a lead's move racing a booking for the last unit (PostgreSQL)", () => {
  it("lets exactly one of them take the unit", async () => {
    const konstanz = "landkreis-konstanz";
    for (let round = 0; round < 5; round++) {
      await clearRequests(prisma());
      await insertRequests(prisma(), { municipalityKey: konstanz, requesterId: seed.people.otherContact.id, partnerId: seed.people.partner.id, count: 11 });
      const clock = () => new Date("2026-03-09T10:00:00+01:00");
      const [a, b] = replicas.map((r) => createSparringService(r, clock));
      const ulmRequest = await a!.requestSession(seed.people.contact.slackId, {
        partnerId: seed.people.partner.id, topics: [seed.topics.onlineEvents], question: "F", preferredFormat: "video", preferredTimes: "",
      }, `r${round}-ulm`);
      if (!ulmRequest.ok) throw new Error(ulmRequest.code);
      const [moved, booked] = await Promise.all([
        moveRequest(replicas[0].prisma, clock, seed.people.lead.slackId, ulmRequest.value.id, { municipalityKey: konstanz, reason: "Korrektur" }, `r${round}-move`),
        b!.requestSession(seed.people.otherContact.slackId, {
          partnerId: seed.people.partner.id, topics: [seed.topics.onlineEvents], question: "F", preferredFormat: "video", preferredTimes: "",
        }, `r${round}-book`),
      ]);
      expect([moved.ok, booked.ok].filter(Boolean)).toHaveLength(1);
      const loser = moved.ok ? booked : moved;
      expect(loser).toEqual({ ok: false, code: "quota_exhausted", used: 12, limit: 12 });
      const used = await prisma().sessionRequest.aggregate({ where: { municipalityKey: konstanz, state: { in: ["requested", "scheduled", "held"] } }, _sum: { units: true } });
      expect(used._sum.units).toBe(12);
    }
  });
});
