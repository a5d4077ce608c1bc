/**
 * The booking transaction alone (the service call, no Slack), beside a bare one-row INSERT
 * transaction on the same backend, and the statements one booking sends (BEGIN and COMMIT
 * included, counted as test/db/booking-statements.test.ts counts them) on an empty database and
 * again after a long history. PGlite on disk and a throw-away PostgreSQL database.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../src/db/client.ts";
import { createSparringService } from "../src/db/sparring-service.ts";
import { seedProgramme } from "../test/support/fixtures.ts";
import { loadContact, seedContacts } from "../test/support/load-seed.ts";
import { createThrowawayDatabase } from "../test/support/postgres.ts";
import { countingPglite, countingServer, countStatements, statementCounter, type StatementCounter } from "../test/support/statement-counter.ts";
import type { Backend } from "./app-database.ts";
import { median } from "./slack-load.ts";

export interface BookingLoad {
  warmup: number;
  measured: number;
  /** Requests added before the statements are counted again. */
  history: number;
}

export interface BookingFigures {
  bookingMs: number;
  insertMs: number;
  statements: { empty: number; history: number };
}

/** 40 municipalities × 12 units: room for 480 bookings without a refusal. */
const municipalities = 40;
const now = new Date("2026-03-09T10:00:00+01:00");

async function opened(backend: Backend, counter: StatementCounter): Promise<{ db: Database; cleanup: () => Promise<void> }> {
  if (backend === "pglite") {
    const dir = await mkdtemp(path.join(tmpdir(), "sparring-bench-booking-"));
    return { db: await countingPglite(counter, path.join(dir, "pgdata")), cleanup: () => rm(dir, { recursive: true, force: true }) };
  }
  const throwaway = await createThrowawayDatabase("sparring_bench_booking");
  const db = await openDatabase({ databaseUrl: throwaway.url, poolSize: 4 });
  const restore = countingServer(counter);
  return { db, cleanup: async () => { restore(); await throwaway.drop(); } };
}

/**
 * `count` requests in mixed states over 2 000 other municipalities, and ended ones (declined,
 * cancelled, expired: they hold no units) of every bench municipality. Written by SQL in bulk.
 */
async function seedHistory(db: Database, count: number): Promise<void> {
  const others = 2_000;
  await seedContacts(db.prisma, "hist", others);
  await db.prisma.$executeRawUnsafe(`
    WITH partner AS (SELECT person_id AS id FROM partner_profiles ORDER BY person_id LIMIT 1),
         g AS (SELECT i, (ARRAY['requested','scheduled','held','held','declined','cancelled','expired'])[1 + i % 7] AS state,
                      (ARRAY['declined','cancelled','expired'])[1 + i % 3] AS old_state FROM generate_series(1, ${count}) AS i)
    INSERT INTO session_requests (id, municipality_key, requester_id, partner_id, topics, question, preferred_format,
                                  preferred_times, units, counts_assigned, state, created_at, updated_at)
    SELECT gen_random_uuid(), m.key, p.id, partner.id, ARRAY['online-events'], 'Alte Frage ' || g.i, 'video', '', 1, false,
           (CASE WHEN m.key LIKE 'bench-%' THEN g.old_state ELSE g.state END)::"RequestState",
           timestamptz '2026-01-05 09:00+01' + (g.i % 60) * interval '1 day', timestamptz '2026-01-05 09:00+01' + (g.i % 60) * interval '1 day'
    FROM g, partner,
         LATERAL (SELECT CASE WHEN g.i % 10 = 0 THEN 'bench-' || (g.i / 10 % ${municipalities}) ELSE 'hist-' || (g.i % ${others}) END AS key) m
         JOIN people p ON p.contact_of = m.key`);
  await db.prisma.$executeRawUnsafe("ANALYZE");
}

export async function benchBooking(backend: Backend, load: BookingLoad): Promise<BookingFigures> {
  const counter = statementCounter();
  const { db, cleanup } = await opened(backend, counter);
  try {
    const seed = await seedProgramme(db.prisma);
    await seedContacts(db.prisma, "bench", municipalities, "2018/19");
    const service = createSparringService(db, () => now);
    let bookings = 0;
    const book = async () => {
      const n = bookings++;
      const result = await service.requestSession(loadContact("bench", n % municipalities), {
        partnerId: seed.people.partner.id, topics: ["online-events"], question: "Wie planen wir?", preferredFormat: "video", preferredTimes: "",
      }, `bench-${n}`);
      if (!result.ok) throw new Error(`booking ${n} refused: ${result.code}`);
    };
    let inserts = 0;
    const insert = () =>
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO job_runs (name, slot, started_at) VALUES ('bench', ${String(inserts++)}, now())`;
      });
    const timed = async (work: () => Promise<unknown>) => {
      const start = performance.now();
      await work();
      return performance.now() - start;
    };

    const empty = (await countStatements(counter, book)).statements;
    // Alternating, so the machine's load hits both alike.
    const times = { booking: [] as number[], insert: [] as number[] };
    for (let i = 0; i < load.warmup + load.measured; i++) {
      const booking = await timed(book);
      const inserted = await timed(insert);
      if (i < load.warmup) continue;
      times.booking.push(booking);
      times.insert.push(inserted);
    }
    await seedHistory(db, load.history);
    const history = (await countStatements(counter, book)).statements;
    return { bookingMs: median(times.booking), insertMs: median(times.insert), statements: { empty, history } };
  } finally {
    await db.close();
    await cleanup();
  }
}
