/**
 * Counts the statements the app sends to the database, BEGIN and COMMIT included: on PGlite every
 * Parse ('P') and simple Query ('Q') message of the wire protocol it is handed, on the server every
 * query a pg client sends. Used by test/db/booking-statements.test.ts and bench/booking.ts.
 */
import { mkdirSync } from "node:fs";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { databaseOnPglite, type Database } from "../../src/db/client.ts";

export interface StatementCounter {
  count: number;
  on: boolean;
}

export const statementCounter = (): StatementCounter => ({ count: 0, on: false });

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

/** A migrated PGlite database (in memory, or in `dataDir`) whose wire messages `counter` counts while on. */
export async function countingPglite(counter: StatementCounter, dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir);
  const raw = pglite.execProtocolRaw.bind(pglite);
  pglite.execProtocolRaw = (message, options) => {
    if (counter.on) counter.count += statementsIn(message);
    return raw(message, options);
  };
  return databaseOnPglite(pglite);
}

/** Counts every query of every pg client in this process while on; returns the function that stops counting. */
export function countingServer(counter: StatementCounter): () => void {
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (counter.on) counter.count += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return () => void (pg.Client.prototype.query = original);
}

/** Runs `work` with the counter on and returns what it counted. */
export async function countStatements<T>(counter: StatementCounter, work: () => Promise<T>): Promise<{ value: T; statements: number }> {
  counter.count = 0;
  counter.on = true;
  try {
    const value = await work();
    return { value, statements: counter.count };
  } finally {
    counter.on = false;
  }
}
