import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { accountingRows } from "../../src/db/accounting-rows.ts";
import { openTestDatabase, seedProgramme } from "../support/fixtures.ts";
import { buildScenario } from "../reports/scenario.ts";

let db: Database;
let cleanup: () => Promise<void>;
const period = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2028-01-01T00:00:00Z"), timezone: "Europe/Berlin" };

beforeAll(async () => {
  ({ db, cleanup } = await openTestDatabase("pglite"));
  await buildScenario(db, await seedProgramme(db.prisma));
});
afterAll(() => cleanup());

describe("accounting rows read in keyset batches", () => {
  it("yields every session once, in file order, whatever the batch size", async () => {
    const whole = await accountingRows(db.prisma, period);
    expect(whole.sessions.length).toBeGreaterThan(3);
    for (const batchSize of [1, 2, 3]) {
      expect((await accountingRows(db.prisma, period, { batchSize })).sessions).toEqual(whole.sessions);
    }
  });

  it("does not skip or repeat rows that share a created_at across a batch border", async () => {
    await db.prisma.$executeRawUnsafe("UPDATE session_requests SET created_at = timestamptz '2026-03-02 10:00+01'");
    const whole = await accountingRows(db.prisma, period);
    const ids = whole.sessions.map((s) => s.id);
    expect(ids).toEqual([...ids].sort());
    expect((await accountingRows(db.prisma, period, { batchSize: 2 })).sessions).toEqual(whole.sessions);
  });
});
