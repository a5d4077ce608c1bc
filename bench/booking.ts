import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { openDatabase, type Database } from "../src/db/client.ts";
import { PrismaClient } from "../src/db/generated/client.ts";
import { loadMigrations, migrate } from "../src/db/migrate.ts";
import { createSparringService } from "../src/db/sparring-service.ts";
import type { SparringService } from "../src/domain/service.ts";
import { seedProgramme, type SeededProgramme } from "../test/support/fixtures.ts";
import { createThrowawayDatabase } from "../test/support/postgres.ts";

const warmup = 20;
const measured = 200;
/** 20 municipalities × 12 units = 240 bookings without a refusal; history grows as in real use. */
const municipalities = 20;
const now = new Date("2026-03-09T10:00:00+01:00");

interface Workload {
  service: SparringService;
  book(i: number): Promise<void>;
}

async function prepare(db: Database): Promise<Workload> {
  const seed = await seedProgramme(db.prisma);
  const keys = Array.from({ length: municipalities }, (_, i) => `bench-${i}`);
  await db.prisma.municipality.createMany({ data: keys.map((key, i) => ({ key, name: `Gemeinde ${i}`, kind: "Kommune" as const, cohort: "2018/19" })) });
  await db.prisma.person.createMany({ data: keys.map((key, i) => ({ slackId: `UBENCH${i}`, name: `Kontakt ${i}`, contactOfKey: key })) });
  const service = createSparringService(db, () => now);
  return { service, book: (i) => book(service, seed, i) };
}

async function book(service: SparringService, seed: SeededProgramme, i: number): Promise<void> {
  const result = await service.requestSession(`UBENCH${i % municipalities}`, {
    partnerId: seed.people.partner.id, topics: ["online-events"], question: "Wie planen wir?", preferredFormat: "video", preferredTimes: "",
  }, `bench-${i}`);
  if (!result.ok) throw new Error(`booking ${i} refused: ${result.code}`);
}

async function timeEach(count: number, offset: number, run: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = offset; i < offset + count; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return times;
}

function stats(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms`;
}

async function measure(label: string, db: Database, prepared?: Workload): Promise<string[]> {
  const work = prepared ?? (await prepare(db));
  const insert = (i: number) =>
    db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO job_runs (name, slot, started_at) VALUES ('bench', ${String(i)}, now())`;
    });
  await timeEach(warmup, 0, work.book);
  await timeEach(warmup, 0, insert);
  const bookings = await timeEach(measured, warmup, work.book);
  const inserts = await timeEach(measured, warmup, insert);
  return [
    `${label}: requestSession ${stats(bookings)} (${measured} after ${warmup} warm-up)`,
    `${label}: bare INSERT tx  ${stats(inserts)}`,
  ];
}

export const historySize = 20_000;

/**
 * A large history: `count` requests in mixed states over 2 000 other municipalities, and declined,
 * cancelled and expired ones (which use no quota) for every bench municipality. Written by SQL in bulk.
 */
async function seedHistory(db: Database, count: number): Promise<void> {
  const others = 2_000;
  await db.prisma.$executeRawUnsafe(`
    INSERT INTO municipalities (key, name, kind, cohort)
    SELECT 'hist-' || i, 'Altgemeinde ' || i, 'Kommune', '2018/19' FROM generate_series(1, ${others}) AS i`);
  await db.prisma.$executeRawUnsafe(`
    INSERT INTO people (id, slack_id, name, contact_of)
    SELECT gen_random_uuid(), 'UHIST' || i, 'Altkontakt ' || i, 'hist-' || i FROM generate_series(1, ${others}) AS i`);
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
         LATERAL (SELECT CASE WHEN g.i % 10 = 0 THEN 'bench-' || (g.i / 10 % ${municipalities}) ELSE 'hist-' || (1 + g.i % ${others}) END AS key) m
         JOIN people p ON p.contact_of = m.key`);
  await db.prisma.$executeRawUnsafe("ANALYZE");
}

/** Counts what one booking sends to the server: every query on a pg connection, BEGIN and COMMIT included. */
async function countOnServer(work: Workload, i: number): Promise<number> {
  const original = pg.Client.prototype.query;
  let count = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    count += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work.book(i);
  } finally {
    pg.Client.prototype.query = original;
  }
  return count;
}

/** PGlite hides its transaction handle, so count Prisma's query events (they omit BEGIN: add one). */
async function countOnPglite(): Promise<{ empty: number[]; history: number[] }> {
  const pglite = new PGlite();
  await migrate({ exec: async (sql) => void (await pglite.exec(sql)), query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows }, await loadMigrations());
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), log: [{ emit: "event", level: "query" }] });
  const db: Database = { prisma, kind: "pglite", ping: async () => true, close: async () => { await prisma.$disconnect(); await pglite.close(); } };
  try {
    const work = await prepare(db);
    let count = 0;
    prisma.$on("query", () => void (count += 1));
    const bookCounted = async (i: number) => {
      count = 0;
      await work.book(i);
      return count + 1;
    };
    // Fresh database: the first booking of municipality 0, then its 2nd…6th.
    const empty: number[] = [];
    for (let i = 0; i < 6 * municipalities; i += municipalities) empty.push(await bookCounted(i));
    await seedHistory(db, historySize);
    // 20 000 requests more (some of municipality 1's own): its first bookings must cost the same.
    const history: number[] = [];
    for (let i = 1; i < 6 * municipalities; i += municipalities) history.push(await bookCounted(i));
    return { empty, history };
  } finally {
    await db.close();
  }
}

export interface BookingBench {
  lines: string[];
  /** Statements per booking with an empty history and with `historySize` requests more; null if skipped. */
  statements: { pglite: { empty: number[]; history: number[] }; postgres: { empty: number; history: number } | null };
}

const distinct = (counts: number[]) => [...new Set(counts)].join("/");

export async function benchBooking(): Promise<BookingBench> {
  const lines: string[] = [];
  const dir = await mkdtemp(path.join(tmpdir(), "sparring-bench-"));
  const pgliteDb = await openDatabase({ dataDir: path.join(dir, "pgdata") });
  try {
    lines.push(...(await measure("PGlite (disk)", pgliteDb)));
  } finally {
    await pgliteDb.close();
    await rm(dir, { recursive: true, force: true });
  }
  const pgliteCounts = await countOnPglite();
  lines.push(
    `PGlite: statements per booking = ${distinct(pgliteCounts.empty)} on an empty history, ${distinct(pgliteCounts.history)} with ${historySize.toLocaleString("en")} requests more (Prisma query events + BEGIN)`,
  );
  const statements: BookingBench["statements"] = { pglite: pgliteCounts, postgres: null };

  let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  try {
    throwaway = await createThrowawayDatabase("sparring_bench");
  } catch (error) {
    lines.push(`PostgreSQL: skipped, server not reachable (${String(error)})`);
    return { lines, statements };
  }
  try {
    const db = await openDatabase({ databaseUrl: throwaway.url, poolSize: 4 });
    try {
      const work = await prepare(db);
      // Municipality 0's first booking on an empty database, then the timed run, then a large history.
      const empty = await countOnServer(work, 0);
      lines.push(...(await measure("PostgreSQL", db, work)));
      await seedHistory(db, historySize);
      // Municipality 1 has 11 bookings now plus old declined ones; the 12th is the last its quota allows.
      const history = await countOnServer(work, 100_001);
      statements.postgres = { empty, history };
      lines.push(`PostgreSQL: statements per booking = ${empty} on an empty history, ${history} with ${historySize.toLocaleString("en")} requests more (on the wire, BEGIN and COMMIT included)`);
    } finally {
      await db.close();
    }
  } finally {
    await throwaway.drop();
  }
  return { lines, statements };
}
