import type { Prisma } from "./client.ts";
import { cancellerOf } from "../domain/cancellation.ts";
import type { LastCancellation } from "../domain/ports/delivery-records.ts";
import type { SessionRequest } from "../domain/types.ts";

export type { LastCancellation } from "../domain/ports/delivery-records.ts";

/** Who cancelled a request and why, from its audit trail: every cancel message names them. */
export async function lastCancellation(prisma: Prisma, request: Pick<SessionRequest, "id" | "partnerId" | "requesterId">): Promise<LastCancellation | null> {
  const [row] = await prisma.$queryRaw<Array<{ actorId: string | null; name: string | null; isLead: boolean | null; reason: string | null }>>`
    SELECT e.actor_id::text AS "actorId", p.name, p.is_lead AS "isLead", e.reason
    FROM request_events e LEFT JOIN people p ON p.id = e.actor_id
    WHERE e.request_id = ${request.id}::uuid AND e.to_state = 'cancelled'
    ORDER BY e.id DESC LIMIT 1`;
  if (!row) return null;
  return { by: cancellerOf(request, row.actorId, row.isLead === true), name: row.name ?? "–", reason: row.reason };
}
