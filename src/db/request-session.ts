import type { Database } from "./client.ts";
import type { Prisma as P } from "./generated/client.ts";
import { recordStateChange } from "./audit.ts";
import { claimIdempotencyKey, replay, storeIdempotentResult } from "./idempotency.ts";
import { enqueueNotice } from "./outbox.ts";
import { toMunicipality, toRequest, toTopic } from "./map-rows.ts";
import { findActor, loadPartner, municipalityUnits, requireRules, transactionOptions } from "./queries.ts";
import { unitsUsed } from "../domain/quota.ts";
import { decideRequest } from "../domain/decide-request.ts";
import { ok, type Result } from "../domain/refusals.ts";
import type { RequestInput } from "../domain/service.ts";
import type { Clock, Municipality, SessionRequest } from "../domain/types.ts";

/**
 * Books units for a contact's municipality. The municipality's row lock serialises every booking
 * of that municipality, so the quota sums read after it cannot change before the insert commits:
 * two contacts asking for the last unit at once get one success and one quota refusal.
 */
export async function requestSession(
  db: Database,
  clock: Clock,
  actorSlackId: string,
  input: RequestInput,
  idempotencyKey: string,
): Promise<Result<SessionRequest>> {
  return db.prisma.$transaction(async (tx) => {
    const claim = await claimIdempotencyKey(tx, idempotencyKey, "request");
    if (!claim.claimed) return replay(tx, claim.result);

    const result = await book(tx, clock(), actorSlackId, input);
    await storeIdempotentResult(tx, idempotencyKey, result.ok ? { ok: true, requestId: result.value.id } : result);
    return result;
  }, transactionOptions);
}

async function book(tx: P.TransactionClient, now: Date, actorSlackId: string, input: RequestInput): Promise<Result<SessionRequest>> {
  const actor = await findActor(tx, actorSlackId);
  const rules = await requireRules(tx);
  const partner = await loadPartner(tx, input.partnerId);
  const topics = input.topics.length > 0 ? await tx.topic.findMany({ where: { key: { in: input.topics } } }) : [];
  // Everything that does not depend on the municipality's usage is read before the lock, so the
  // lock is held only for the sums, the inserts and the commit.
  let municipality: Municipality | null = null;
  if (actor?.contactOf) {
    const locked = await tx.$queryRaw<Array<Parameters<typeof toMunicipality>[0]>>`
      SELECT key, name, kind::text AS kind, cohort, active FROM municipalities WHERE key = ${actor.contactOf} FOR UPDATE`;
    municipality = locked[0] ? toMunicipality(locked[0]) : null;
  }
  const units = municipality
    ? await municipalityUnits(tx, municipality.key, partner?.personId ?? null)
    : { held: 0, scheduled: 0, pending: 0, assignedUsed: 0, partnerAssigned: false };

  const decision = decideRequest({
    rules, now, actor, municipality, partner, input,
    topics: topics.map(toTopic),
    usage: { used: unitsUsed(units), assignedUsed: units.assignedUsed },
    partnerAssigned: units.partnerAssigned,
  });
  if (!decision.ok) return decision;
  // decideRequest refuses unless all three are present.
  if (!actor || !municipality || !partner) throw new Error("decideRequest accepted without actor, municipality or partner");

  const row = await tx.sessionRequest.create({
    data: {
      municipalityKey: municipality.key,
      requesterId: actor.personId,
      partnerId: partner.personId,
      topics: input.topics,
      question: input.question.trim(),
      preferredFormat: input.preferredFormat,
      preferredTimes: input.preferredTimes,
      units: decision.value.units,
      countsAssigned: decision.value.countsAssigned,
      createdAt: now,
      updatedAt: now,
    },
  });
  await recordStateChange(tx, { requestId: row.id, actorId: actor.personId, at: now, from: null, to: "requested" });
  await enqueueNotice(tx, { kind: "request", event: "requested", requestId: row.id, actorId: actor.personId });
  return ok(toRequest({
    ...row,
    municipality: { name: municipality.name },
    requester: { slackId: actor.slackId, name: actor.name },
    partner: { slackId: partner.slackId, name: partner.name },
  }));
}
