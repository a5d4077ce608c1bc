import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { enqueueHeldQuestions, enqueueReminders, unansweredHeldQuestions } from "../../src/db/due-sessions.ts";
import { loadRules } from "../../src/db/queries.ts";
import { createSparringService } from "../../src/db/sparring-service.ts";
import type { ProgrammeRules } from "../../src/domain/types.ts";
import { clearRequests, insertRequests, openTestDatabase, seedProgramme, type SeededProgramme } from "../support/fixtures.ts";

let db: Database;
let cleanup: () => Promise<void>;
let seed: SeededProgramme;
let rules: ProgrammeRules;
const dayMs = 86_400_000;

beforeAll(async () => {
  ({ db, cleanup } = await openTestDatabase("pglite"));
  seed = await seedProgramme(db.prisma);
  rules = (await loadRules(db.prisma))!;
});
afterAll(() => cleanup());
beforeEach(() => clearRequests(db.prisma));

/** Scheduled sessions of Ulm with the partner, one per start. */
async function scheduledAt(...starts: string[]): Promise<string[]> {
  for (const start of starts) {
    await insertRequests(db.prisma, {
      municipalityKey: "ulm", requesterId: seed.people.contact.id, partnerId: seed.people.partner.id,
      count: 1, state: "scheduled", scheduledStart: new Date(start), createdAt: new Date("2026-03-01T10:00:00Z"),
    });
  }
  const rows = await db.prisma.sessionRequest.findMany({ orderBy: { scheduledStart: "asc" }, select: { id: true } });
  return rows.map((r) => r.id);
}

const notices = async (event: string) =>
  (await db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } }))
    .map((m) => m.payload as Record<string, unknown>)
    .filter((p) => p.event === event);

describe("reminders before a session", () => {
  it("reminds of sessions on the next working day once, with a notice in the outbox", async () => {
    // Today's session and the one the day after are not due.
    const [, tomorrow] = await scheduledAt("2026-03-09T15:00:00+01:00", "2026-03-10T09:00:00+01:00", "2026-03-11T09:00:00+01:00");
    const monday = new Date("2026-03-09T08:00:00+01:00");
    expect(await enqueueReminders(db.prisma, rules, monday)).toEqual([tomorrow]);
    expect(await notices("reminder_due")).toEqual([{ kind: "request", event: "reminder_due", requestId: tomorrow, actorId: null }]);
    expect(await enqueueReminders(db.prisma, rules, new Date(monday.getTime() + 3_600_000))).toEqual([]);
    expect(await db.prisma.sessionRequest.findUniqueOrThrow({ where: { id: tomorrow } })).toMatchObject({ reminderSentAt: monday });
  });

  it("on a Friday covers the weekend and Monday; before Easter it skips the holidays", async () => {
    const [saturday, monday] = await scheduledAt("2026-03-14T10:00:00+01:00", "2026-03-16T10:00:00+01:00", "2026-03-17T10:00:00+01:00");
    expect(new Set(await enqueueReminders(db.prisma, rules, new Date("2026-03-13T07:00:00+01:00")))).toEqual(new Set([saturday, monday]));
    await clearRequests(db.prisma);
    // Thursday 2 April 2026: Good Friday and Easter Monday are holidays in BW, the next working day is Tuesday.
    const [easterMonday, easterTuesday] = await scheduledAt("2026-04-06T10:00:00+02:00", "2026-04-07T10:00:00+02:00", "2026-04-08T10:00:00+02:00");
    expect(new Set(await enqueueReminders(db.prisma, rules, new Date("2026-04-02T07:00:00+02:00")))).toEqual(new Set([easterMonday, easterTuesday]));
  });

  it("does not remind of cancelled sessions", async () => {
    const [id] = await scheduledAt("2026-03-10T09:00:00+01:00");
    await db.prisma.sessionRequest.update({ where: { id: id! }, data: { state: "cancelled" } });
    expect(await enqueueReminders(db.prisma, rules, new Date("2026-03-09T08:00:00+01:00"))).toEqual([]);
  });
});

describe("asking whether a session took place", () => {
  it("asks once the session has ended, once more after three days, then lists it for the leads", async () => {
    const [id] = await scheduledAt("2026-03-09T10:00:00+01:00");
    const start = new Date("2026-03-09T10:00:00+01:00");
    expect(await enqueueHeldQuestions(db.prisma, rules, new Date(start.getTime() + 59 * 60_000))).toEqual([]);
    const ended = new Date(start.getTime() + 60 * 60_000);
    expect(await enqueueHeldQuestions(db.prisma, rules, ended)).toEqual([{ requestId: id, ask: 1 }]);
    expect(await enqueueHeldQuestions(db.prisma, rules, ended)).toEqual([]);
    expect(await enqueueHeldQuestions(db.prisma, rules, new Date(ended.getTime() + 3 * dayMs - 1))).toEqual([]);
    const second = new Date(ended.getTime() + 3 * dayMs);
    expect(await enqueueHeldQuestions(db.prisma, rules, second)).toEqual([{ requestId: id, ask: 2 }]);
    expect(await enqueueHeldQuestions(db.prisma, rules, new Date(second.getTime() + 30 * dayMs))).toEqual([]);
    expect(await notices("held_question_due")).toEqual([
      { kind: "request", event: "held_question_due", requestId: id, actorId: null },
      { kind: "request", event: "held_question_due", requestId: id, actorId: null },
    ]);

    expect(await unansweredHeldQuestions(db.prisma, new Date(second.getTime() + 3 * dayMs - 1))).toEqual([]);
    expect(await unansweredHeldQuestions(db.prisma, new Date(second.getTime() + 3 * dayMs))).toEqual([{
      requestId: id, municipalityKey: "ulm", municipalityName: "Ulm", partnerId: seed.people.partner.id,
      partnerName: "Paula Partner", scheduledStart: start, heldAskedAt: second,
    }]);
  });

  it("waits for the whole session of several units, and stops asking once it is answered", async () => {
    const [long, answered] = await scheduledAt("2026-03-09T10:00:00+01:00", "2026-03-09T11:00:00+01:00");
    await db.prisma.sessionRequest.update({ where: { id: long! }, data: { units: 2 } });
    const service = createSparringService(db, () => new Date("2026-03-09T12:30:00+01:00"));
    expect(await enqueueHeldQuestions(db.prisma, rules, new Date("2026-03-09T11:30:00+01:00"))).toEqual([]);
    const marked = await service.markHeld(seed.people.partner.slackId, answered!, "held-1");
    expect(marked.ok).toBe(true);
    expect(await enqueueHeldQuestions(db.prisma, rules, new Date("2026-03-09T12:00:00+01:00"))).toEqual([{ requestId: long, ask: 1 }]);
    expect(await unansweredHeldQuestions(db.prisma, new Date("2026-04-30T00:00:00Z"))).toEqual([]);
  });
});
