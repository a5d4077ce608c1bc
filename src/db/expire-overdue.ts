import type { Database } from "./client.ts";
import { Prisma as P } from "./generated/client.ts";
import { selectRequests } from "./select-requests.ts";
import { loadRules, transactionOptions } from "./queries.ts";
import { applyTransition } from "./transition-request.ts";
import { decideTransition } from "../domain/transitions.ts";
import { expiryDeadline } from "../domain/working-days.ts";
import type { Clock, SessionRequest } from "../domain/types.ts";

const dayMs = 86_400_000;

/**
 * Expires requests left unanswered for the programme's working days. Each expiry is its own
 * compare-and-swap transaction, so two replicas running this at once expire each request once:
 * the second finds the state changed and skips it.
 */
export async function expireOverdue(db: Database, clock: Clock): Promise<SessionRequest[]> {
  const rules = await loadRules(db.prisma);
  if (!rules) return [];
  const now = clock();
  // N working days are at least N calendar days: older requests are the only candidates.
  const oldest = new Date(now.getTime() - rules.requestExpiryWorkingDays * dayMs);
  const candidates = await selectRequests(
    db.prisma,
    P.sql`r.state = 'requested' AND r.created_at <= ${oldest}`,
    P.sql`r.created_at, r.id`,
  );
  const expired: SessionRequest[] = [];
  for (const request of candidates) {
    if (expiryDeadline(request.createdAt, rules) > now) continue;
    const decision = decideTransition({ request, actor: null, action: "expire", now, rules });
    if (!decision.ok) continue;
    const result = await db.prisma.$transaction(
      (tx) => applyTransition(tx, { request, action: "expire", decision: decision.value, actor: null, now, changes: {} }),
      transactionOptions,
    );
    if (result.ok) expired.push(result.value);
  }
  return expired;
}
