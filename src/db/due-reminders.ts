import type { Prisma } from "./client.ts";
import { enqueueNotice } from "./outbox.ts";
import { transactionOptions } from "./queries.ts";
import { dueRequestReminders, soonWindowEnd } from "../domain/reminders.ts";
import type { ProgrammeRules } from "../domain/types.ts";

type Rules = Pick<ProgrammeRules, "timezone" | "holidayRegion" | "requestExpiryWorkingDays" | "reminders">;

/**
 * The reminder `reminders.before_minutes` before a session starts, to both sides. Claimed like the
 * day-before reminder: one UPDATE … WHERE soon_reminder_sent_at IS NULL, so a second replica at the
 * same moment waits for the row lock, re-checks and skips; the notices are in the same transaction.
 */
export async function enqueueSoonReminders(prisma: Prisma, rules: Pick<ProgrammeRules, "reminders">, now: Date): Promise<string[]> {
  const until = soonWindowEnd(now, rules);
  return prisma.$transaction(async (tx) => {
    const due = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE session_requests SET soon_reminder_sent_at = ${now}
      WHERE state = 'scheduled' AND soon_reminder_sent_at IS NULL AND scheduled_start > ${now} AND scheduled_start <= ${until}
      RETURNING id::text AS id`;
    for (const { id } of due) await enqueueNotice(tx, { kind: "request", event: "reminder_soon", requestId: id, actorId: null });
    return due.map((d) => d.id);
  }, transactionOptions);
}

/**
 * Unanswered requests: the partner's reminder after N working days, the requester's warning before
 * the expiry. Which are due is the domain's (working days, in JavaScript); the claim is the
 * database's: UPDATE … WHERE id = ANY(due) AND <column> IS NULL AND state = 'requested', so each
 * is written once, also when two replicas run this at the same moment.
 */
export async function enqueueRequestReminders(prisma: Prisma, rules: Rules, now: Date): Promise<{ nudged: string[]; warned: string[] }> {
  const open = await prisma.sessionRequest.findMany({
    where: { state: "requested", OR: [{ partnerNudgedAt: null }, { expiryWarnedAt: null }] },
    select: { id: true, createdAt: true, partnerNudgedAt: true, expiryWarnedAt: true },
  });
  const nudge: string[] = [];
  const warn: string[] = [];
  for (const r of open) {
    const due = dueRequestReminders(r.createdAt, now, rules);
    if (due.includes("partner_unanswered") && !r.partnerNudgedAt) nudge.push(r.id);
    if (due.includes("expiry_warning") && !r.expiryWarnedAt) warn.push(r.id);
  }
  if (nudge.length === 0 && warn.length === 0) return { nudged: [], warned: [] };
  return prisma.$transaction(async (tx) => {
    const nudged = nudge.length === 0 ? [] : await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE session_requests SET partner_nudged_at = ${now}
      WHERE id = ANY(${nudge}::uuid[]) AND state = 'requested' AND partner_nudged_at IS NULL
      RETURNING id::text AS id`;
    const warned = warn.length === 0 ? [] : await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE session_requests SET expiry_warned_at = ${now}
      WHERE id = ANY(${warn}::uuid[]) AND state = 'requested' AND expiry_warned_at IS NULL
      RETURNING id::text AS id`;
    for (const { id } of nudged) await enqueueNotice(tx, { kind: "request", event: "partner_unanswered", requestId: id, actorId: null });
    for (const { id } of warned) await enqueueNotice(tx, { kind: "request", event: "expiry_warning", requestId: id, actorId: null });
    return { nudged: nudged.map((r) => r.id), warned: warned.map((r) => r.id) };
  }, transactionOptions);
}
