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

async function measure(label: string, db: Database): Promise<{ lines: string[]; work: Workload }> {
  const work = await prepare(db);
  const insert = (i: number) =>
    db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO job_runs (name, slot, started_at) VALUES ('bench', ${String(i)}, now())`;
    });
  await timeEach(warmup, 0, work.book);
  await timeEach(warmup, 0, insert);
  const bookings = await timeEach(measured, warmup, work.book);
  const inserts = await timeEach(measured, warmup, insert);
  return {
    work,
    lines: [
      `${label}: requestSession ${stats(bookings)} (${measured} after ${warmup} warm-up)`,
      `${label}: bare INSERT tx  ${stats(inserts)}`,
    ],
  };
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
async function countOnPglite(): Promise<string> {
  const pglite = new PGlite();
  await migrate({ exec: async (sql) => void (await pglite.exec(sql)), query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows }, await loadMigrations());
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), log: [{ emit: "event", level: "query" }] });
  const db: Database = { prisma, kind: "pglite", ping: async () => true, close: async () => { await prisma.$disconnect(); await pglite.close(); } };
  try {
    const work = await prepare(db);
    let count = 0;
    prisma.$on("query", () => void (count += 1));
    const counts: number[] = [];
    // The same municipality twelve times: the count must not grow with its history.
    for (let i = 0; i < 12 * municipalities; i += municipalities) {
      count = 0;
      await work.book(i);
      counts.push(count + 1);
    }
    return [...new Set(counts)].join("/");
  } finally {
    await db.close();
  }
}

export async function benchBooking(): Promise<string[]> {
  const lines: string[] = [];
  const dir = await mkdtemp(path.join(tmpdir(), "sparring-bench-"));
  const pgliteDb = await openDatabase({ dataDir: path.join(dir, "pgdata") });
  try {
    lines.push(...(await measure("PGlite (disk)", pgliteDb)).lines);
  } finally {
    await pgliteDb.close();
    await rm(dir, { recursive: true, force: true });
  }
  lines.push(`PGlite: statements per booking = ${await countOnPglite()} (Prisma query events + BEGIN)`);

  let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  try {
    throwaway = await createThrowawayDatabase("sparring_bench");
  } catch (error) {
    lines.push(`PostgreSQL: skipped, server not reachable (${String(error)})`);
    return lines;
  }
  try {
    const db = await openDatabase({ databaseUrl: throwaway.url, poolSize: 4 });
    try {
      const { lines: timed, work } = await measure("PostgreSQL", db);
      lines.push(...timed);
      // Every bench municipality has 11 bookings now; the 12th is the last one its quota allows.
      lines.push(`PostgreSQL: statements per booking = ${await countOnServer(work, 100_000)} on the wire (BEGIN and COMMIT included, 11 earlier bookings)`);
    } finally {
      await db.close();
    }
  } finally {
    await throwaway.drop();
  }
  return lines;
}
