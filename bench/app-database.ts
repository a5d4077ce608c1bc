/**
 * A database for the app under test, prepared before the app starts: PGlite in a temporary folder
 * (the app opens it afterwards; one process at a time) or a throw-away PostgreSQL database, with
 * examples/programme.yaml imported and the scenario's own data.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, type Database, type Prisma } from "../src/db/client.ts";
import { createThrowawayDatabase } from "../test/support/postgres.ts";
import { importExampleProgramme } from "../test/support/start-app.ts";

export type Backend = "pglite" | "postgres";
export const backendName = (backend: Backend): string => (backend === "pglite" ? "PGlite" : "PostgreSQL");

export interface AppDatabase {
  /** What the app's environment names: DATA_DIR or DATABASE_URL. */
  env: { DATA_DIR: string } | { DATABASE_URL: string };
  /** Opens it from this process (PGlite: only while the app is stopped). */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

export async function appDatabase(backend: Backend, seed: (prisma: Prisma) => Promise<void>): Promise<AppDatabase> {
  let database: AppDatabase;
  if (backend === "pglite") {
    const dir = await mkdtemp(path.join(tmpdir(), "sparring-bench-"));
    const dataDir = path.join(dir, "pgdata");
    database = { env: { DATA_DIR: dataDir }, open: () => openDatabase({ dataDir }), drop: () => rm(dir, { recursive: true, force: true }) };
  } else {
    const throwaway = await createThrowawayDatabase("sparring_bench");
    database = { env: { DATABASE_URL: throwaway.url }, open: () => openDatabase({ databaseUrl: throwaway.url, poolSize: 4 }), drop: throwaway.drop };
  }
  const db = await database.open();
  try {
    await importExampleProgramme(db.prisma);
    await seed(db.prisma);
  } finally {
    await db.close();
  }
  return database;
}
