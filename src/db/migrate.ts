import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";

/** A connection that can run a multi-statement SQL script (simple query protocol). */
export interface ScriptRunner {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Migration {
  name: string;
  sql: string;
}

const migrationsDir = fileURLToPath(new URL("../../prisma/migrations/", import.meta.url));

export async function loadMigrations(dir = migrationsDir): Promise<Migration[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    entries.map(async (name) => ({ name, sql: await readFile(path.join(dir, name, "migration.sql"), "utf8") })),
  );
}

/**
 * Applies pending migrations, each in its own transaction with its bookkeeping row, so a failed
 * migration leaves nothing half-applied. The advisory lock lets several replicas start at once on
 * one PostgreSQL: the first migrates, the others wait and then find nothing to do. (We do not use
 * `prisma migrate deploy`: its PGlite adapter records failed scripts as applied and the CLI idles
 * ~10 s after finishing.)
 */
export async function migrate(db: ScriptRunner, migrations: Migration[]): Promise<string[]> {
  const lockKey = 727_001;
  await db.query("SELECT pg_advisory_lock($1)", [lockKey]);
  try {
    await db.exec(
      `CREATE TABLE IF NOT EXISTS "_sparring_migrations" (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = new Set(
      (await db.query<{ name: string }>(`SELECT name FROM "_sparring_migrations"`)).map((r) => r.name),
    );
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      const escaped = m.name.replace(/'/g, "''");
      await db.exec(`BEGIN;\n${m.sql}\nINSERT INTO "_sparring_migrations"(name) VALUES ('${escaped}');\nCOMMIT;`);
      done.push(m.name);
    }
    return done;
  } catch (error) {
    await db.exec("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await db.query("SELECT pg_advisory_unlock($1)", [lockKey]);
  }
}
