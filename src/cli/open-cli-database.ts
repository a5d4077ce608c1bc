import { parseDatabaseConfig } from "../config.ts";
import { openDatabase, type Database } from "../db/client.ts";

/**
 * The database a command-line tool works on, from DATABASE_URL or DATA_DIR like the app. Problems
 * are written to stderr one per line and answered with null (the tool then exits 1).
 */
export async function openCliDatabase(): Promise<{ db: Database; dataDir: string } | null> {
  const config = parseDatabaseConfig(process.env);
  if (!config.ok) {
    for (const line of config.problems) process.stderr.write(`${line}\n`);
    return null;
  }
  try {
    const db = await openDatabase({ databaseUrl: config.config.DATABASE_URL, dataDir: config.config.DATA_DIR });
    return { db, dataDir: config.config.DATA_DIR };
  } catch (error) {
    process.stderr.write(`cannot open the database: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  }
}
