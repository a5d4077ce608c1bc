import type { Prisma as P } from "./generated/client.ts";
import type { RequestNotice } from "../domain/notifications.ts";

/**
 * Writes a notice in the caller's transaction, so it exists exactly when the change does.
 * created_at/available_at keep the database's clock: the worker compares them with now().
 */
export async function enqueueNotice(tx: P.TransactionClient, notice: RequestNotice): Promise<void> {
  await tx.outboxMessage.create({ data: { kind: notice.kind, payload: { ...notice } }, select: { id: true } });
}
