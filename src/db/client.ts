import { mkdirSync } from "node:fs";
import pg from "pg";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";
import { countDatabaseErrors } from "./count-errors.ts";
import { loadMigrations, migrate, type ScriptRunner } from "./migrate.ts";

export type Prisma = InstanceType<typeof PrismaClient>;

export interface Database {
  prisma: Prisma;
  kind: "pglite" | "postgres";
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** Failed database calls since the start, by kind (src/db/count-errors.ts); read by /metrics. */
  errorCounts?: Map<string, number>;
}

export interface DatabaseOptions {
  /** postgres:// URL of a server; without it the app uses embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; "memory://" keeps everything in memory (tests, benchmarks). */
  dataDir?: string;
  /** Connections per process on the server. */
  poolSize?: number;
  /** Milliseconds to wait for a server connection before giving up (fail fast when the DB is down). */
  connectTimeoutMs?: number;
}

/** Opens the database the configuration names and applies pending migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options.dataDir ?? "./data");
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  const close = () => pool.end().catch(() => undefined);
  try {
    // One pinned session: the advisory lock and BEGIN/COMMIT must run on the same connection.
    const session = await pool.connect();
    try {
      await migrate(runnerFor(session), await loadMigrations());
    } finally {
      session.release();
    }
  } catch (error) {
    await close();
    throw error;
  }
  const errorCounts = new Map<string, number>();
  const prisma = new PrismaClient({ adapter: countDatabaseErrors(new PrismaPg(pool), errorCounts) });
  return {
    prisma,
    kind: "postgres",
    errorCounts,
    ping: () => pool.query("SELECT 1").then(() => true, () => false),
    async close() {
      await prisma.$disconnect();
      await close();
    },
  };
}

function runnerFor(client: pg.PoolClient): ScriptRunner {
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  // PGlite creates the last folder of its path but not missing parents.
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // PGlite is loaded only when it is the backend: a server deployment never needs its module.
  const { PGlite } = await import("@electric-sql/pglite");
  return databaseOnPglite(new PGlite(inMemory ? undefined : dataDir));
}

/** Migrates and wraps an opened PGlite (tests pass an instrumented one; the app goes through openDatabase). */
export async function databaseOnPglite(pglite: PGlite): Promise<Database> {
  try {
    await migrate(
      {
        exec: async (sql) => void (await pglite.exec(sql)),
        query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
      },
      await loadMigrations(),
    );
  } catch (error) {
    await pglite.close();
    throw error;
  }
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const errorCounts = new Map<string, number>();
  const prisma = new PrismaClient({ adapter: countDatabaseErrors(new PrismaPGlite(pglite), errorCounts) });
  return {
    prisma,
    kind: "pglite",
    errorCounts,
    ping: () => pglite.query("SELECT 1").then(() => true, () => false),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
