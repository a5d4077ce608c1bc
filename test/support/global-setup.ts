import pg from "pg";
import { serverUrl } from "./postgres.ts";

/** Fails the run early and clearly when the PostgreSQL server that the race tests need is down. */
export default async function setup(): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${serverUrl}: start it (see README, "Tests"). ${String(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
