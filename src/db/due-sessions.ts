import type { Prisma } from "./client.ts";
import { enqueueNotice } from "./outbox.ts";
import { transactionOptions } from "./queries.ts";
import { dayBeforeWindow } from "../domain/reminders.ts";
import type { UnansweredHeldQuestion } from "../domain/ports/leads.ts";
import type { ProgrammeRules } from "../domain/types.ts";

const dayMs = 86_400_000;
/** A partner who has not said whether a session took place is asked again after this long, once. */
export const heldQuestionRepeatMs = 3 * dayMs;

/**
 * On a working day, sessions from tomorrow to the end of the next working day get their reminder
 * (on a Friday that covers the weekend and Monday: `dayBeforeWindow`; on a day off none). Claiming is one UPDATE … WHERE reminder_sent_at IS NULL: a
 * second replica running at the same moment waits for the row lock, re-checks the condition and
 * skips the row, so each reminder is written once. The notices are written in the same transaction.
 */
export async function enqueueReminders(
  prisma: Prisma,
  programme: Pick<ProgrammeRules, "timezone" | "holidayRegion">,
  now: Date,
): Promise<string[]> {
  const window = dayBeforeWindow(now, programme);
  if (!window) return [];
  const { from, to } = window;
  return prisma.$transaction(async (tx) => {
    const due = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE session_requests SET reminder_sent_at = ${now}
      WHERE state = 'scheduled' AND reminder_sent_at IS NULL AND scheduled_start >= ${from} AND scheduled_start < ${to}
      RETURNING id::text AS id`;
    for (const { id } of due) await enqueueNotice(tx, { kind: "request", event: "reminder_due", requestId: id, actorId: null });
    return due.map((d) => d.id);
  }, transactionOptions);
}

/**
 * Asks the partner whether a session took place once it has ended, and once more three days
 * later if the answer is still missing. Same exactly-once claim as the reminders: the UPDATE's
 * condition on held_ask_count / held_asked_at is re-checked under the row lock.
 */
export async function enqueueHeldQuestions(
  prisma: Prisma,
  programme: Pick<ProgrammeRules, "unitMinutes">,
  now: Date,
): Promise<Array<{ requestId: string; ask: number }>> {
  const repeatBefore = new Date(now.getTime() - heldQuestionRepeatMs);
  return prisma.$transaction(async (tx) => {
    const due = await tx.$queryRaw<Array<{ requestId: string; ask: number }>>`
      UPDATE session_requests SET held_ask_count = held_ask_count + 1, held_asked_at = ${now}
      WHERE state = 'scheduled'
        AND scheduled_start + make_interval(mins => units * ${programme.unitMinutes}::int) <= ${now}
        AND (held_ask_count = 0 OR (held_ask_count = 1 AND held_asked_at <= ${repeatBefore}))
      RETURNING id::text AS "requestId", held_ask_count AS ask`;
    for (const { requestId } of due) {
      await enqueueNotice(tx, { kind: "request", event: "held_question_due", requestId, actorId: null });
    }
    return due;
  }, transactionOptions);
}

export type { UnansweredHeldQuestion } from "../domain/ports/leads.ts";

/** Sessions whose partner was asked twice and has not answered for three days: the leads' list. */
export async function unansweredHeldQuestions(prisma: Prisma, now: Date): Promise<UnansweredHeldQuestion[]> {
  const askedBefore = new Date(now.getTime() - heldQuestionRepeatMs);
  return prisma.$queryRaw<UnansweredHeldQuestion[]>`
    SELECT r.id::text AS "requestId", r.municipality_key AS "municipalityKey", m.name AS "municipalityName",
           r.partner_id::text AS "partnerId", p.name AS "partnerName",
           r.scheduled_start AS "scheduledStart", r.held_asked_at AS "heldAskedAt"
    FROM session_requests r
    JOIN municipalities m ON m.key = r.municipality_key
    JOIN people p ON p.id = r.partner_id
    WHERE r.state = 'scheduled' AND r.held_ask_count >= 2 AND r.held_asked_at <= ${askedBefore}
    ORDER BY r.scheduled_start, r.id`;
}
