import { Prisma as P } from "./generated/client.ts";
import type { SessionRequest } from "../domain/types.ts";

/**
 * Requests with the names they show, in ONE statement. (`include` of three relations makes Prisma
 * send several queries at once on one connection; inside a transaction pg queues them and warns.)
 */
export async function selectRequests(
  db: P.TransactionClient,
  where: P.Sql,
  orderBy: P.Sql = P.sql`r.created_at DESC, r.id`,
): Promise<SessionRequest[]> {
  return db.$queryRaw<SessionRequest[]>`
    SELECT r.id::text AS id, r.municipality_key AS "municipalityKey", m.name AS "municipalityName",
           r.requester_id::text AS "requesterId", q.slack_id AS "requesterSlackId", q.name AS "requesterName",
           r.partner_id::text AS "partnerId", p.slack_id AS "partnerSlackId", p.name AS "partnerName",
           r.topics, r.question, r.preferred_format::text AS "preferredFormat", r.preferred_times AS "preferredTimes",
           r.units, r.counts_assigned AS "countsAssigned", r.state::text AS state,
           r.scheduled_start AS "scheduledStart", r.format::text AS format, r.meeting_link AS "meetingLink",
           r.meeting_phone AS "meetingPhone", r.decline_reason AS "declineReason",
           r.created_at AS "createdAt", r.updated_at AS "updatedAt"
    FROM session_requests r
    JOIN municipalities m ON m.key = r.municipality_key
    JOIN people q ON q.id = r.requester_id
    JOIN people p ON p.id = r.partner_id
    WHERE ${where}
    ORDER BY ${orderBy}`;
}
