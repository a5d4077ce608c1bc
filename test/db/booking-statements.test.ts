import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseOnPglite, openDatabase, type Database } from "../../src/db/client.ts";
import { createSparringService } from "../../src/db/sparring-service.ts";
import type { RequestInput, SparringService } from "../../src/domain/service.ts";
import { insertRequests, seedProgramme, type SeededProgramme } from "../support/fixtures.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";

/**
 * Counts the statements a booking sends to the database, BEGIN and COMMIT included: on PGlite every
 * Parse ('P') and simple Query ('Q') message of the wire protocol it is handed, on the server every
 * query a pg client sends. Issue 14: at most 6, the same with a long history.
 */
const now = new Date("2026-03-09T10:00:00+01:00");

interface Counter { count: number; on: boolean }

/** Frontend messages are a type byte and a 4-byte length that includes itself. */
function statementsIn(bytes: Uint8Array): number {
  let statements = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 5 <= bytes.length; at += 1 + view.getInt32(at + 1)) {
    const type = String.fromCharCode(bytes[at]!);
    if (type === "P" || type === "Q") statements += 1;
  }
  return statements;
}

async function countingPglite(counter: Counter): Promise<Database> {
  const pglite = new PGlite();
  const raw = pglite.execProtocolRaw.bind(pglite);
  pglite.execProtocolRaw = (message, options) => {
    if (counter.on) counter.count += statementsIn(message);
    return raw(message, options);
  };
  return databaseOnPglite(pglite);
}

function countingServer(counter: Counter): () => void {
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (counter.on) counter.count += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return () => void (pg.Client.prototype.query = original);
}

const backends = [
  ["PGlite", async (counter: Counter) => ({ db: await countingPglite(counter), cleanup: async () => undefined })],
  ["PostgreSQL", async (counter: Counter) => {
    const throwaway = await createThrowawayDatabase("sparring_statements");
    const db = await openDatabase({ databaseUrl: throwaway.url, poolSize: 2 });
    const restore = countingServer(counter);
    return { db, cleanup: async () => { restore(); await throwaway.drop(); } };
  }],
] as const;

describe.each(backends)("statements per booking on %s", (_name, open) => {
  const counter: Counter = { count: 0, on: false };
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
    counter.count = 0;
    counter.on = true;
    try {
      expect((await run()).ok).toBe(expectOk);
    } finally {
      counter.on = false;
    }
    return counter.count;
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
