import type { Database } from "./client.ts";
import { readBookingContext, claimAndLock } from "./booking-context.ts";
import { replay, storedKey, storedResult, storeIdempotentResult } from "./idempotency.ts";
import { insertBooking } from "./insert-booking.ts";
import { transactionOptions } from "./queries.ts";
import { decideRequest } from "../domain/decide-request.ts";
import { ok, type Result } from "../domain/refusals.ts";
import type { RequestInput } from "../domain/service.ts";
import type { Clock, SessionRequest } from "../domain/types.ts";

/**
 * Books units for a contact's municipality in at most five statements, whatever the history:
 * BEGIN; claim the idempotency key and lock the municipality's row; read everything the decision
 * needs; insert request + audit + notice + idempotent result (or store the refusal); COMMIT.
 * The row lock serialises every booking of that municipality, so the usage read after it cannot
 * change before the insert commits: two contacts asking for the last unit at once get one success
 * and one quota refusal.
 */
export async function requestSession(
  db: Database,
  clock: Clock,
  actorSlackId: string,
  input: RequestInput,
  idempotencyKey: string,
): Promise<Result<SessionRequest>> {
  const key = storedKey(idempotencyKey);
  return db.prisma.$transaction(async (tx) => {
    if (!(await claimAndLock(tx, key, "request", actorSlackId))) {
      return replay(tx, await storedResult(tx, idempotencyKey, "request"));
    }
    const now = clock();
    const context = await readBookingContext(tx, actorSlackId, input.partnerId, input.topics, now);
    const decision = decideRequest({ ...context, now, input });
    if (!decision.ok) {
      await storeIdempotentResult(tx, idempotencyKey, decision);
      return decision;
    }
    const { actor, municipality, partner } = context;
    // decideRequest refuses unless all three are present.
    if (!actor || !municipality || !partner) throw new Error("decideRequest accepted without actor, municipality or partner");
    return ok(await insertBooking(tx, { now, actor, municipality, partner, input, decision: decision.value, storedKey: key }));
  }, transactionOptions);
}
