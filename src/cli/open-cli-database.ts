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

/** The one Slack member id a person command takes (`-- U01ABC`), or null after printing the usage. */
export function slackIdArgument(args: string[], usage: string): string | null {
  const words = args.filter((a) => a !== "--");
  const slackId = words[0];
  if (words.length === 1 && slackId && /^[UW][A-Z0-9]{2,}$/.test(slackId)) return slackId;
  process.stderr.write(`${usage}\n`);
  return null;
}

/**
 * Runs a command's work on the database and closes it again; the exit code is the work's, or 1
 * when the database cannot be opened or the work fails (`failure` names what failed).
 */
export async function withCliDatabase(failure: string, work: (db: Database) => Promise<number>): Promise<number> {
  const opened = await openCliDatabase();
  if (!opened) return 1;
  try {
    return await work(opened.db);
  } catch (error) {
    process.stderr.write(`${failure}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await opened.db.close();
  }
}
