import { randomUUID } from "node:crypto";
import type { Prisma } from "./client.ts";

import type { OutboxClaim, OutboxQueue, OutboxRow } from "../domain/ports/outbox-queue.ts";

export type { OutboxClaim, OutboxRow } from "../domain/ports/outbox-queue.ts";

/** The queue as the outbox worker (src/slack/notifications/outbox-worker.ts) uses it. */
export function outboxQueue(prisma: Prisma): OutboxQueue {
  return {
    claim: (limit, leaseMs) => claimOutbox(prisma, limit, leaseMs),
    renew: (claim, leaseMs) => renewOutboxLease(prisma, claim, leaseMs),
    done: (claim) => markOutboxDone(prisma, claim),
    retryLater: (claim, delayMs, error) => retryOutboxLater(prisma, claim, delayMs, error),
    release: (claims) => releaseOutboxRows(prisma, claims),
    expand: (claim, deliveries, leaseMs) => expandOutboxRow(prisma, claim, deliveries, leaseMs),
  };
}

/**
 * Leases up to `limit` due rows to this process under a fresh token. SKIP LOCKED lets several
 * replicas share the queue without handing one row to two of them; the lease (available_at pushed
 * forward) returns a row to the queue under a new token if its holder dies or stalls, and the
 * token fences the old holder out: it can no longer finish, retry or release the row.
 */
export async function claimOutbox(prisma: Prisma, limit: number, leaseMs = 60_000): Promise<OutboxRow[]> {
  const token = randomUUID();
  const rows = await prisma.$queryRaw<Array<Omit<OutboxRow, "createdAt" | "token"> & { created_at: Date }>>`
    UPDATE outbox SET attempts = attempts + 1, claim_token = ${token}::uuid,
      available_at = now() + make_interval(secs => ${leaseMs}::float8 / 1000)
    WHERE id IN (
      SELECT id FROM outbox WHERE sent_at IS NULL AND available_at <= now()
      ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, payload, attempts, created_at`;
  return rows.map(({ created_at, ...row }) => ({ ...row, createdAt: created_at, token }));
}

/**
 * Extends the lease of a row this process still holds to a full `leaseMs` from now; false when
 * the lease was lost (taken over under a new token, released, or done). Called before each row and
 * right before a Slack call that must not happen twice, so that call always runs inside the lease.
 */
export async function renewOutboxLease(prisma: Prisma, claim: OutboxClaim, leaseMs = 60_000): Promise<boolean> {
  const renewed = await prisma.$executeRaw`
    UPDATE outbox SET available_at = now() + make_interval(secs => ${leaseMs}::float8 / 1000)
    WHERE id = ${claim.id} AND claim_token = ${claim.token}::uuid AND sent_at IS NULL`;
  return renewed === 1;
}

/** Records the delivery; false (and nothing written) when this process no longer holds the row. */
export async function markOutboxDone(prisma: Prisma, claim: OutboxClaim): Promise<boolean> {
  const { count } = await prisma.outboxMessage.updateMany({
    where: { id: claim.id, claimToken: claim.token, sentAt: null },
    data: { sentAt: new Date(), lastError: null, claimToken: null },
  });
  return count === 1;
}

/** Puts a failed row back for a later attempt; false when this process no longer holds it. */
export async function retryOutboxLater(prisma: Prisma, claim: OutboxClaim, delayMs: number, error: string): Promise<boolean> {
  const { count } = await prisma.outboxMessage.updateMany({
    where: { id: claim.id, claimToken: claim.token, sentAt: null },
    data: { availableAt: new Date(Date.now() + delayMs), lastError: error.slice(0, 500), claimToken: null },
  });
  return count === 1;
}

/**
 * Hands claimed rows this process has not started (it is stopping) back to the queue at once,
 * not after the lease, and uncounts the claim: nothing of them reached Slack.
 */
export async function releaseOutboxRows(prisma: Prisma, claims: OutboxClaim[]): Promise<void> {
  for (const token of new Set(claims.map((c) => c.token))) {
    const ids = claims.filter((c) => c.token === token).map((c) => c.id);
    await prisma.outboxMessage.updateMany({
      where: { id: { in: ids }, claimToken: token, sentAt: null },
      data: { availableAt: new Date(), attempts: { decrement: 1 }, claimToken: null },
    });
  }
}

/**
 * Replaces a notice by the Slack deliveries it stands for, once, in one statement, and leases the
 * new rows to this process under a fresh token (so its lanes send them right away, before later
 * notices are expanded). null (and nothing written) when this process no longer holds the notice.
 */
export async function expandOutboxRow(prisma: Prisma, claim: OutboxClaim, deliveries: unknown[], leaseMs = 60_000): Promise<OutboxRow[] | null> {
  const token = randomUUID();
  const [result] = await prisma.$queryRaw<Array<{ expanded: number; rows: Array<{ id: string; kind: string; payload: unknown; attempts: number; created_at: string }> }>>`
    WITH done AS (
      UPDATE outbox SET sent_at = now(), claim_token = NULL
      WHERE id = ${claim.id} AND claim_token = ${claim.token}::uuid AND sent_at IS NULL
      RETURNING id
    ), added AS (
      INSERT INTO outbox (kind, payload, dedupe_key, attempts, claim_token, available_at)
      SELECT 'slack', d.payload, done.id || ':' || (d.ordinal - 1), 1, ${token}::uuid,
             now() + make_interval(secs => ${leaseMs}::float8 / 1000)
      FROM done, jsonb_array_elements(${JSON.stringify(deliveries)}::jsonb) WITH ORDINALITY AS d(payload, ordinal)
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id, kind, payload, attempts, created_at
    )
    SELECT (SELECT count(*) FROM done)::int AS expanded,
           COALESCE((SELECT json_agg(json_build_object('id', id::text, 'kind', kind, 'payload', payload, 'attempts', attempts,
                                                       'created_at', created_at) ORDER BY id) FROM added), '[]'::json) AS rows`;
  if (!result || result.expanded !== 1) return null;
  return result.rows.map((row) => ({ ...row, id: BigInt(row.id), createdAt: new Date(row.created_at), token }));
}

/** Is a later Home republish for this user queued? Then this one can be skipped: the later one shows the latest state. */
export async function laterHomePending(prisma: Prisma, slackId: string, afterId: bigint): Promise<boolean> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT 1 FROM outbox
    WHERE sent_at IS NULL AND kind = 'slack' AND id > ${afterId}
      AND payload->>'op' = 'home' AND payload->>'slackId' = ${slackId}
    LIMIT 1`;
  return rows.length > 0;
}

/** Marks every pending Home republish for one user done: one publish shows the latest state for all. */
export async function settlePendingHomes(prisma: Prisma, slackId: string, upToId: bigint): Promise<void> {
  await prisma.$executeRaw`
    UPDATE outbox SET sent_at = now(), claim_token = NULL
    WHERE sent_at IS NULL AND kind = 'slack' AND id <= ${upToId}
      AND payload->>'op' = 'home' AND payload->>'slackId' = ${slackId}`;
}

export async function pendingOutboxCount(prisma: Prisma): Promise<number> {
  return prisma.outboxMessage.count({ where: { sentAt: null } });
}

/** Queues one prepared Slack delivery (a job's channel post); the dedupe key makes a re-run a no-op. */
export async function enqueueDelivery(prisma: Prisma, payload: object, dedupeKey: string): Promise<void> {
  await prisma.outboxMessage.createMany({ data: [{ kind: "slack", payload, dedupeKey }], skipDuplicates: true });
}

