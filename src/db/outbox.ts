import type { Prisma } from "./client.ts";
import type { Prisma as P } from "./generated/client.ts";
import type { RequestNotice } from "../domain/notifications.ts";

/**
 * Writes a notice in the caller's transaction, so it exists exactly when the change does.
 * created_at/available_at keep the database's clock: the worker compares them with now().
 */
export async function enqueueNotice(tx: P.TransactionClient, notice: RequestNotice): Promise<void> {
  await tx.outboxMessage.create({ data: { kind: notice.kind, payload: { ...notice } }, select: { id: true } });
}

/**
 * Queues one Slack delivery that is due only in `delayMs` (a Home publish Slack rate-limited: due
 * after its Retry-After). Due by the database's clock, like every row the worker claims.
 */
export async function enqueueDeliveryLater(prisma: Prisma, payload: object, delayMs: number): Promise<void> {
  const ms = Math.max(0, Math.round(delayMs));
  await prisma.$executeRaw`
    INSERT INTO outbox (kind, payload, available_at)
    VALUES ('slack', ${JSON.stringify(payload)}::jsonb, now() + ${ms}::int * interval '1 millisecond')`;
}
