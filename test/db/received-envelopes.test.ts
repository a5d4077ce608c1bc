/**
 * The de-duplication store for re-sent Slack deliveries, on the real PostgreSQL server (the
 * migration included): one taker per key under concurrency, keys given back, keys pruned after the TTL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { pruneEnvelopes, RECEIVED_ENVELOPE_TTL_MS, releaseEnvelope, takeEnvelope } from "../../src/db/received-envelopes.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";

describe("received envelopes (PostgreSQL)", () => {
  let database: { url: string; drop: () => Promise<void> };
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    database = await createThrowawayDatabase("sparring_envelopes");
    a = await openDatabase({ databaseUrl: database.url, poolSize: 5 });
    b = await openDatabase({ databaseUrl: database.url, poolSize: 5 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it("two replicas taking the same 20 keys at once: each key has exactly one taker", async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `envelope:race-${i}`);
    const now = new Date();
    const results = await Promise.all(keys.flatMap((key) => [takeEnvelope(a.prisma, key, now), takeEnvelope(b.prisma, key, now), takeEnvelope(a.prisma, key, now)]));
    for (let i = 0; i < keys.length; i += 1) expect(results.slice(i * 3, i * 3 + 3).filter(Boolean)).toHaveLength(1);
  });

  it("a released key can be taken again (the ack never left)", async () => {
    const now = new Date();
    expect(await takeEnvelope(a.prisma, "envelope:released", now)).toBe(true);
    expect(await takeEnvelope(b.prisma, "envelope:released", now)).toBe(false);
    await releaseEnvelope(a.prisma, "envelope:released");
    expect(await takeEnvelope(b.prisma, "envelope:released", now)).toBe(true);
  });

  it("keys older than the TTL are pruned; younger ones stay taken", async () => {
    const now = new Date();
    await takeEnvelope(a.prisma, "event:old", new Date(now.getTime() - RECEIVED_ENVELOPE_TTL_MS - 60_000));
    await takeEnvelope(a.prisma, "event:young", new Date(now.getTime() - 60_000));
    expect(await pruneEnvelopes(b.prisma, now)).toBeGreaterThanOrEqual(1);
    expect(await takeEnvelope(b.prisma, "event:old", now)).toBe(true);
    expect(await takeEnvelope(b.prisma, "event:young", now)).toBe(false);
  });
});
