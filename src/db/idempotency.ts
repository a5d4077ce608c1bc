import { createHash } from "node:crypto";
import type { Prisma as P } from "./generated/client.ts";
import { loadRequest } from "./queries.ts";
import { ok, refuse, type Refusal, type Result } from "../domain/refusals.ts";
import type { SessionRequest } from "../domain/types.ts";

type Tx = P.TransactionClient;

/** What a mutating call returned first: the request it touched, or its refusal as-is. */
export type StoredResult = { ok: true; requestId: string } | Refusal;

export type Claim = { claimed: true } | { claimed: false; result: StoredResult };

/**
 * The key as stored: a SHA-256 of the caller's key, so whatever a caller puts into a key (a view
 * id, a user id, a hash of the form) is not kept in readable form. Keys are pruned after a day
 * (retention.ts); erasure does not need to find them.
 */
export function storedKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/**
 * Claims the key at the start of the operation's transaction. A concurrent call with the same key
 * waits on the unique index until the first commits, then finds the row and replays its result;
 * if the first rolls back, the second claims the key and does the work.
 */
export async function claimIdempotencyKey(tx: Tx, callerKey: string, operation: string): Promise<Claim> {
  const key = storedKey(callerKey);
  const inserted = await tx.$queryRaw<unknown[]>`
    INSERT INTO idempotency_keys (key, operation) VALUES (${key}, ${operation})
    ON CONFLICT DO NOTHING RETURNING key`;
  if (inserted.length === 1) return { claimed: true };
  return { claimed: false, result: await storedResult(tx, callerKey, operation) };
}

/** The first call's result under a key already claimed (and committed: the claim waited for it). */
export async function storedResult(tx: Tx, callerKey: string, operation: string): Promise<StoredResult> {
  const row = await tx.idempotencyKey.findUnique({ where: { key: storedKey(callerKey) } });
  if (!row || row.result === null) throw new Error(`idempotency key ${callerKey} has no stored result`);
  // Reusing a key for another operation is a bug in the caller, not a user's mistake.
  if (row.operation !== operation) throw new Error(`idempotency key ${callerKey} was used for ${row.operation}, not ${operation}`);
  return row.result as unknown as StoredResult;
}

/** Raw: a Prisma model update would compile its query anew on every call (CPU on the booking path). */
export async function storeIdempotentResult(tx: Tx, callerKey: string, result: StoredResult): Promise<void> {
  const key = storedKey(callerKey);
  const updated = await tx.$executeRaw`UPDATE idempotency_keys SET result = ${JSON.stringify(result)}::jsonb WHERE key = ${key}`;
  // The key was claimed earlier in this transaction: a missing row is a bug, as Prisma's update would say.
  if (updated !== 1) throw new Error(`idempotency key ${callerKey} was not claimed`);
}

/** Replays the first call: its refusal as stored, or the request it touched as that request is now. */
export async function replay(tx: Tx, stored: StoredResult): Promise<Result<SessionRequest>> {
  if (!stored.ok) return stored;
  const request = await loadRequest(tx, stored.requestId);
  return request ? ok(request) : refuse("request_not_found", {});
}
