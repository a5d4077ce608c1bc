import type { Prisma } from "./client.ts";

export interface OutboxRow {
  id: bigint;
  kind: string;
  payload: unknown;
  attempts: number;
}

/**
 * Leases up to `limit` due rows to this process. SKIP LOCKED lets several replicas share the
 * queue without handing one row to two of them; the lease (available_at pushed forward) returns
 * a row to the queue if this process dies before marking it done.
 */
export async function claimOutbox(prisma: Prisma, limit: number, leaseSeconds = 60): Promise<OutboxRow[]> {
  return prisma.$queryRaw<OutboxRow[]>`
    UPDATE outbox SET attempts = attempts + 1, available_at = now() + make_interval(secs => ${leaseSeconds})
    WHERE id IN (
      SELECT id FROM outbox WHERE sent_at IS NULL AND available_at <= now()
      ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, payload, attempts`;
}

export async function markOutboxDone(prisma: Prisma, id: bigint): Promise<void> {
  await prisma.outboxMessage.update({ where: { id }, data: { sentAt: new Date(), lastError: null } });
}

export async function retryOutboxLater(prisma: Prisma, id: bigint, delayMs: number, error: string): Promise<void> {
  await prisma.outboxMessage.update({
    where: { id },
    data: { availableAt: new Date(Date.now() + delayMs), lastError: error.slice(0, 500) },
  });
}

/** Hands claimed rows this process will not handle (it is stopping) back to the queue at once, not after the lease. */
export async function releaseOutboxRows(prisma: Prisma, ids: bigint[]): Promise<void> {
  if (ids.length === 0) return;
  await prisma.outboxMessage.updateMany({
    where: { id: { in: ids }, sentAt: null },
    data: { availableAt: new Date(), attempts: { decrement: 1 } },
  });
}

/** Replaces a notice by the Slack deliveries it stands for, once, in one transaction. */
export async function expandOutboxRow(prisma: Prisma, id: bigint, deliveries: unknown[]): Promise<void> {
  await prisma.$transaction(async (tx) => {
    if (deliveries.length > 0) {
      await tx.outboxMessage.createMany({
        data: deliveries.map((payload, i) => ({ kind: "slack", payload: payload as object, dedupeKey: `${id}:${i}` })),
        skipDuplicates: true,
      });
    }
    await tx.outboxMessage.update({ where: { id }, data: { sentAt: new Date() } });
  });
}

/** Marks every pending Home republish for one user done: one publish shows the latest state for all. */
export async function settlePendingHomes(prisma: Prisma, slackId: string, upToId: bigint): Promise<void> {
  await prisma.$executeRaw`
    UPDATE outbox SET sent_at = now()
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
