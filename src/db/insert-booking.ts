import { randomUUID } from "node:crypto";
import type { Prisma as P } from "./generated/client.ts";
import type { RequestNotice } from "../domain/notifications.ts";
import type { RequestDecision } from "../domain/decide-request.ts";
import type { RequestInput } from "../domain/service.ts";
import type { Actor, Municipality, PartnerProfile, SessionRequest } from "../domain/types.ts";

export interface NewBooking {
  now: Date;
  actor: Actor;
  municipality: Municipality;
  partner: PartnerProfile;
  input: RequestInput;
  decision: RequestDecision;
  /** The idempotency key as stored (idempotency.ts storedKey): its result is written here too. */
  storedKey: string;
}

/**
 * Writes a booking in one statement: the request, its audit row (audit.ts), its outbox notice
 * (outbox.ts) and the idempotency key's result, through data-modifying CTEs. Same rows as those
 * helpers write, one round trip instead of four.
 */
export async function insertBooking(tx: P.TransactionClient, booking: NewBooking): Promise<SessionRequest> {
  const { now, actor, municipality, partner, input, decision } = booking;
  const id = randomUUID();
  const question = input.question.trim();
  const notice: RequestNotice = { kind: "request", event: "requested", requestId: id, actorId: actor.personId };
  const result = { ok: true, requestId: id };
  const inserted = await tx.$queryRaw<Array<{ id: string }>>`
    WITH request AS (
      INSERT INTO session_requests (id, municipality_key, requester_id, partner_id, topics, question, preferred_format,
                                    preferred_times, units, counts_assigned, state, created_at, updated_at)
      VALUES (${id}::uuid, ${municipality.key}, ${actor.personId}::uuid, ${partner.personId}::uuid, ${input.topics}::text[],
              ${question}, ${input.preferredFormat}::"SessionFormat", ${input.preferredTimes}, ${decision.units},
              ${decision.countsAssigned}, 'requested', ${now}::timestamptz, ${now}::timestamptz)
      RETURNING id
    ), audit AS (
      INSERT INTO request_events (request_id, actor_id, at, from_state, to_state)
      SELECT id, ${actor.personId}::uuid, ${now}::timestamptz, NULL, 'requested' FROM request
    ), notice AS (
      -- created_at/available_at keep the database's clock (outbox.ts).
      INSERT INTO outbox (kind, payload) SELECT 'request', ${JSON.stringify(notice)}::jsonb FROM request
    ), idempotency AS (
      UPDATE idempotency_keys SET result = ${JSON.stringify(result)}::jsonb
      WHERE key = ${booking.storedKey} AND EXISTS (SELECT 1 FROM request)
    )
    SELECT id::text AS id FROM request`;
  if (inserted[0]?.id !== id) throw new Error("booking insert returned no row");
  return {
    id,
    municipalityKey: municipality.key,
    municipalityName: municipality.name,
    requesterId: actor.personId,
    requesterSlackId: actor.slackId,
    requesterName: actor.name,
    partnerId: partner.personId,
    partnerSlackId: partner.slackId,
    partnerName: partner.name,
    topics: input.topics,
    question,
    preferredFormat: input.preferredFormat,
    preferredTimes: input.preferredTimes,
    units: decision.units,
    countsAssigned: decision.countsAssigned,
    state: "requested",
    scheduledStart: null,
    format: null,
    meetingLink: null,
    meetingPhone: null,
    declineReason: null,
    createdAt: now,
    updatedAt: now,
  };
}
