import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { createSparringService } from "../../src/db/sparring-service.ts";
import type { RequestInput, SparringService } from "../../src/domain/service.ts";
import { insertRequests, seedProgramme, type SeededProgramme } from "../support/fixtures.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";
import { countingPglite, countingServer, countStatements, statementCounter, type StatementCounter } from "../support/statement-counter.ts";

/**
 * Counts the statements a booking sends to the database, BEGIN and COMMIT included
 * (test/support/statement-counter.ts). Issue 14: at most 6, the same with a long history.
 */
const now = new Date("2026-03-09T10:00:00+01:00");

const backends = [
  ["PGlite", async (counter: StatementCounter) => ({ db: await countingPglite(counter), cleanup: async () => undefined })],
  ["PostgreSQL", async (counter: StatementCounter) => {
    const throwaway = await createThrowawayDatabase("sparring_statements");
    const db = await openDatabase({ databaseUrl: throwaway.url, poolSize: 2 });
    const restore = countingServer(counter);
    return { db, cleanup: async () => { restore(); await throwaway.drop(); } };
  }],
] as const;

describe.each(backends)("statements per booking on %s", (_name, open) => {
  const counter = statementCounter();
  let db: Database;
  let cleanup: () => Promise<void>;
  let seed: SeededProgramme;
  let service: SparringService;
  let keys = 0;

  beforeAll(async () => {
    const opened = await open(counter);
    ({ db, cleanup } = opened);
    seed = await seedProgramme(db.prisma);
    service = createSparringService(db, () => now);
  });
  afterAll(async () => {
    await db.close();
    await cleanup();
  });

  const input = (overrides: Partial<RequestInput> = {}): RequestInput => ({
    partnerId: seed.people.partner.id, topics: ["online-events"], question: "Wie planen wir?", preferredFormat: "video", preferredTimes: "", ...overrides,
  });

  async function counted(run: () => Promise<{ ok: boolean }>, expectOk: boolean): Promise<number> {
    const { value, statements } = await countStatements(counter, run);
    expect(value.ok).toBe(expectOk);
    return statements;
  }

  it("books in at most 6 statements, BEGIN and COMMIT included, the same with a long history", async () => {
    const contact = seed.people.contact.slackId;
    const empty = await counted(() => service.requestSession(contact, input(), `s-${++keys}`), true);
    // 3 000 earlier requests of this municipality (ended: they hold no units) and of another one.
    for (const municipalityKey of [seed.municipalities.eligible, seed.municipalities.eligible2]) {
      for (const state of ["declined", "cancelled", "expired"] as const) {
        await insertRequests(db.prisma, {
          municipalityKey, requesterId: seed.people.contact.id, partnerId: seed.people.partner.id, count: 500, state,
        });
      }
    }
    const history = await counted(() => service.requestSession(contact, input(), `s-${++keys}`), true);
    expect(empty).toBeGreaterThanOrEqual(4);
    expect(empty).toBeLessThanOrEqual(6);
    expect(history).toBe(empty);
  });

  it("refuses in at most 6 statements, and replays a key in at most 6", async () => {
    const contact = seed.people.contact.slackId;
    expect(await counted(() => service.requestSession(contact, input({ topics: ["no-such-topic"] }), `s-${++keys}`), false)).toBeLessThanOrEqual(6);
    const key = `s-${++keys}`;
    await service.requestSession(contact, input(), key);
    expect(await counted(() => service.requestSession(contact, input(), key), true)).toBeLessThanOrEqual(6);
  });
});
