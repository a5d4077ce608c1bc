import type { Prisma as P } from "./generated/client.ts";
import type { RequestState } from "../domain/types.ts";

export interface StateChange {
  requestId: string;
  /** null for jobs (expiry). */
  actorId: string | null;
  at: Date;
  from: RequestState | null;
  to: RequestState;
  reason?: string | undefined;
  details?: P.InputJsonObject | undefined;
}

/** Appends one row to the audit trail, in the transaction that made the change. */
export async function recordStateChange(tx: P.TransactionClient, change: StateChange): Promise<void> {
  await tx.requestEvent.create({
    data: {
      requestId: change.requestId,
      actorId: change.actorId,
      at: change.at,
      fromState: change.from,
      toState: change.to,
      reason: change.reason ?? null,
      ...(change.details ? { details: change.details } : {}),
    },
    select: { id: true },
  });
}
