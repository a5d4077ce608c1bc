import type { Prisma } from "./client.ts";
import type { ReceivedEnvelopes } from "../domain/ports/received-envelopes.ts";

/** The de-duplication of Slack deliveries (src/slack/receive-once.ts) on one database. */
export function receivedEnvelopes(prisma: Prisma): ReceivedEnvelopes {
  return {
    take: (key, now) => takeEnvelope(prisma, key, now),
    release: (key) => releaseEnvelope(prisma, key),
    prune: (now) => pruneEnvelopes(prisma, now),
  };
}

/** How long a taken key is remembered: Slack re-sends within minutes (3 retries, the last after ~5 min). */
export const RECEIVED_ENVELOPE_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Takes a delivery key (`event:<event_id>`, `envelope:<envelope_id>`) once across all replicas: true
 * for the first taker, false for a re-sent copy. The primary key decides, like job_runs.
 */
export async function takeEnvelope(prisma: Prisma, key: string, now: Date): Promise<boolean> {
  const rows = await prisma.$queryRaw<unknown[]>`
    INSERT INTO received_envelopes (key, received_at) VALUES (${key}, ${now})
    ON CONFLICT DO NOTHING RETURNING key`;
  return rows.length === 1;
}

/** Forgets keys older than the TTL; returns how many went. */
export async function pruneEnvelopes(prisma: Prisma, now: Date, ttlMs = RECEIVED_ENVELOPE_TTL_MS): Promise<number> {
  return prisma.$executeRaw`DELETE FROM received_envelopes WHERE received_at < ${new Date(now.getTime() - ttlMs)}`;
}

/** Gives a key back when the ack could not be sent (connection gone): the copy Slack re-sends then runs. */
export async function releaseEnvelope(prisma: Prisma, key: string): Promise<void> {
  await prisma.$executeRaw`DELETE FROM received_envelopes WHERE key = ${key}`;
}
