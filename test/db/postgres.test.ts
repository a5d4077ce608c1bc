import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { loadMigrations, migrate } from "../../src/db/migrate.ts";
import { createSparringService } from "../../src/db/sparring-service.ts";
import type { RequestInput, SparringService } from "../../src/domain/service.ts";
import type { Result } from "../../src/domain/refusals.ts";
import type { SessionRequest } from "../../src/domain/types.ts";
import { addContacts, clearRequests, insertRequests, openTestDatabase, seedProgramme, type PersonRef, type SeededProgramme } from "../support/fixtures.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";

describe("migrations on PostgreSQL", () => {
  it("apply to a fresh database, and a second run finds nothing to do", async () => {
    const throwaway = await createThrowawayDatabase("sparring_migrate");
    const client = new pg.Client({ connectionString: throwaway.url });
    try {
      await client.connect();
      const runner = {
        exec: async (sql: string) => void (await client.query(sql)),
        query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
      };
      const migrations = await loadMigrations();
      expect(await migrate(runner, migrations)).toEqual(migrations.map((m) => m.name));
      expect(await migrate(runner, migrations)).toEqual([]);
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(["session_requests", "request_events", "outbox", "idempotency_keys"]));
    } finally {
      await client.end();
      await throwaway.drop();
    }
  });
});

describe("races on PostgreSQL", () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let seed: SeededProgramme;
  let service: SparringService;
  let colleagues: PersonRef[];
  const now = new Date("2026-03-09T10:00:00+01:00");
  let keyCounter = 0;
  const key = () => `race-${++keyCounter}`;

  beforeAll(async () => {
    // More connections than racers, so every call really runs in its own transaction at once.
    ({ db, cleanup } = await openTestDatabase("postgres", { poolSize: 24 }));
    seed = await seedProgramme(db.prisma);
    colleagues = await addContacts(db.prisma, seed.municipalities.eligible, 20);
    service = createSparringService(db, () => now);
  });
  afterAll(() => cleanup());

  const input = (partnerId: string): RequestInput => ({
    partnerId, topics: ["online-events"], question: "Wie planen wir die Veranstaltung?", preferredFormat: "video", preferredTimes: "",
  });
  const codes = (results: Array<Result<unknown>>) => results.map((r) => (r.ok ? "ok" : r.code));

  async function race20(partnerId: string): Promise<Array<Result<SessionRequest>>> {
    return Promise.all(colleagues.map((c) => service.requestSession(c.slackId, input(partnerId), key())));
  }

  it("gives the last unit to exactly one of 20 colleagues asking at once, ten times over", async () => {
    for (let round = 0; round < 10; round++) {
      await clearRequests(db.prisma);
      await insertRequests(db.prisma, { municipalityKey: "ulm", requesterId: seed.people.contact.id, partnerId: seed.people.partner.id, count: 11 });
      const results = await race20(seed.people.partner.id);
      expect(codes(results).filter((c) => c === "ok")).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual(Array(19).fill({ ok: false, code: "quota_exhausted", used: 12, limit: 12 }));
      expect(await service.quotaOf("ulm")).toMatchObject({ used: 12, pending: 1, held: 11 });
      expect(await db.prisma.requestEvent.count()).toBe(1);
      expect(await db.prisma.outboxMessage.count()).toBe(1);
    }
  });

  it("gives the last unit of the sub-quota to exactly one of 20 colleagues, ten times over", async () => {
    for (let round = 0; round < 10; round++) {
      await clearRequests(db.prisma);
      await insertRequests(db.prisma, {
        municipalityKey: "ulm", requesterId: seed.people.contact.id, partnerId: seed.people.assignedPartner.id, count: 4, countsAssigned: true,
      });
      const results = await race20(seed.people.assignedPartner.id);
      expect(codes(results).filter((c) => c === "ok")).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual(Array(19).fill({ ok: false, code: "assigned_quota_exhausted", used: 5, limit: 5 }));
      expect(await service.quotaOf("ulm")).toMatchObject({ used: 5, assignedUsed: 5 });
    }
  });

  async function freshRequest(): Promise<SessionRequest> {
    const result = await service.requestSession(seed.people.contact.slackId, input(seed.people.partner.id), key());
    if (!result.ok) throw new Error(result.code);
    return result.value;
  }
  const accept = () => ({ start: new Date("2026-03-12T14:00:00+01:00"), format: "video" as const, meetingLink: "https://meet.example/r" });

  it("lets exactly one of two parallel accepts win; the other learns the request is scheduled", async () => {
    await clearRequests(db.prisma);
    for (let round = 0; round < 10; round++) {
      const request = await freshRequest();
      const results = await Promise.all([
        service.acceptRequest(seed.people.partner.slackId, request.id, accept(), key()),
        service.acceptRequest(seed.people.lead.slackId, request.id, accept(), key()),
      ]);
      expect(codes(results).sort()).toEqual(["illegal_transition", "ok"]);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, code: "illegal_transition", from: "scheduled", action: "accept" });
      expect(await db.prisma.requestEvent.count({ where: { requestId: request.id } })).toBe(2);
    }
    expect(await db.prisma.sessionRequest.count({ where: { state: "scheduled" } })).toBe(10);
  });

  it("lets exactly one of accept and cancel move a request out of 'requested', and records only what happened", async () => {
    await clearRequests(db.prisma);
    for (let round = 0; round < 10; round++) {
      const request = await freshRequest();
      const [accepted, cancelled] = await Promise.all([
        service.acceptRequest(seed.people.partner.slackId, request.id, accept(), key()),
        service.cancelRequest(seed.people.contact2.slackId, request.id, {}, key()),
      ]);
      const events = await db.prisma.requestEvent.findMany({ where: { requestId: request.id }, orderBy: { id: "asc" } });
      const final = await service.request(request.id);
      // Exactly one decision was taken on the request as it was when both looked at it.
      expect(events.filter((e) => e.fromState === "requested")).toHaveLength(1);
      expect(events).toHaveLength(1 + [accepted, cancelled].filter((r) => r.ok).length);
      expect(final?.state).toBe(events.at(-1)?.toState);
      if (!accepted.ok) expect(accepted).toEqual({ ok: false, code: "illegal_transition", from: "cancelled", action: "accept" });
      if (!cancelled.ok) expect(cancelled).toEqual({ ok: false, code: "illegal_transition", from: "scheduled", action: "cancel" });
      // A cancel that read "requested" but lost to the accept must not cancel the scheduled session.
      if (!cancelled.ok) expect(final?.state).toBe("scheduled");
    }
  });

  it("leaves the records consistent: one event per change, one notice per event, units by state add up", async () => {
    const byState = await db.prisma.sessionRequest.groupBy({ by: ["state"], _sum: { units: true }, _count: true });
    const requests = byState.reduce((n, s) => n + s._count, 0);
    const nonInitialEvents = await db.prisma.requestEvent.count({ where: { NOT: { fromState: null } } });
    const initialEvents = await db.prisma.requestEvent.count({ where: { fromState: null } });
    expect(initialEvents).toBe(requests);
    expect(await db.prisma.outboxMessage.count()).toBe(initialEvents + nonInitialEvents);
    const quota = await service.quotaOf("ulm");
    const reserving = byState.filter((s) => ["requested", "scheduled", "held"].includes(s.state)).reduce((n, s) => n + (s._sum.units ?? 0), 0);
    expect(quota.used).toBe(reserving);
    expect(byState.find((s) => s.state === "requested")).toBeUndefined();
  });
});
