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

  it("lists requests made before or after a period with a session in it, in file order, across batches", async () => {
    // The six requests over February to April; four sessions in March, whenever they were requested.
    await db.prisma.$executeRawUnsafe(`
      WITH n AS (SELECT id, row_number() OVER (ORDER BY id) AS i FROM session_requests)
      UPDATE session_requests r SET created_at = timestamptz '2026-02-10 10:00+01' + (n.i % 3) * interval '25 days' + n.i * interval '1 minute',
             scheduled_start = CASE WHEN n.i % 6 NOT IN (0, 4) THEN timestamptz '2026-03-15 10:00+01' ELSE timestamptz '2026-05-15 10:00+02' END
      FROM n WHERE n.id = r.id`);
    const march = { from: new Date("2026-03-01T00:00:00+01:00"), to: new Date("2026-04-01T00:00:00+02:00"), timezone: "Europe/Berlin" };
    const expected = await db.prisma.$queryRawUnsafe<Array<{ id: string }>>(`
      SELECT id::text AS id FROM session_requests
      WHERE (created_at >= $1 AND created_at < $2) OR (scheduled_start >= $1 AND scheduled_start < $2)
      ORDER BY created_at, id`, march.from, march.to);
    const outside = await db.prisma.$queryRawUnsafe<Array<{ n: number }>>(
      "SELECT COUNT(*)::int AS n FROM session_requests WHERE (created_at < $1 OR created_at >= $2) AND scheduled_start >= $1 AND scheduled_start < $2", march.from, march.to);
    expect(outside[0]!.n).toBeGreaterThan(1);
    for (const batchSize of [1, 2, 1000]) {
      expect((await accountingRows(db.prisma, march, { batchSize })).sessions.map((s) => s.id)).toEqual(expected.map((r) => r.id));
    }
  });
});
