import type { Prisma } from "./client.ts";
import { Prisma as P } from "./generated/client.ts";
import { queueSlackScrubs } from "./slack-scrub.ts";
import { addCalendarDays, startOfCalendarDay } from "../domain/calendar-day.ts";
import type { ProgrammeRules } from "../domain/types.ts";

type RetentionRules = Pick<ProgrammeRules, "periodEnd" | "timezone" | "questionRetentionDays">;

/** How long an idempotency key is kept: long enough for Slack's and a user's retries, no longer. */
export const idempotencyKeyHours = 24;
/** How long a delivered outbox row is kept (to look into a delivery problem), then deleted. */
export const deliveredOutboxDays = 7;

/** Free text is kept until the end of the period's last day plus the retention days (programme zone). */
export function questionsExpireAt(rules: RetentionRules): Date {
  return startOfCalendarDay(addCalendarDays(rules.periodEnd, 1 + rules.questionRetentionDays), rules.timezone);
}

/**
 * Once the retention period after the programme has passed (docs/data-protection.md): removes
 * every free text of every request (questions, preferred times, decline reasons, meeting links
 * and phone numbers, the reasons in the audit trail, feedback comments) and queues the overwrite of every Slack
 * message that showed a request and the deletion of the my-data files. Unit counts stay.
 * Idempotent: a second run finds nothing left and returns 0.
 */
export async function removeExpiredQuestions(prisma: Prisma, programme: RetentionRules, now: Date): Promise<number> {
  if (now < questionsExpireAt(programme)) return 0;
  return prisma.$transaction(async (tx) => {
    const requests = await tx.$executeRaw`
      UPDATE session_requests SET question = NULL, preferred_times = '', decline_reason = NULL, meeting_link = NULL, meeting_phone = NULL
      WHERE question IS NOT NULL OR preferred_times <> '' OR decline_reason IS NOT NULL OR meeting_link IS NOT NULL OR meeting_phone IS NOT NULL`;
    await tx.$executeRaw`UPDATE request_events SET reason = NULL WHERE reason IS NOT NULL`;
    await tx.$executeRaw`UPDATE reschedule_proposals SET meeting_link = NULL, meeting_phone = NULL WHERE meeting_link IS NOT NULL OR meeting_phone IS NOT NULL`;
    await tx.$executeRaw`UPDATE session_feedback SET comment = NULL WHERE comment IS NOT NULL`;
    await queueSlackScrubs(tx, P.sql`request_id IS NOT NULL OR purpose = 'my_data'`, now);
    return requests;
  });
}

/**
 * Deletes idempotency keys older than a day and delivered outbox rows older than a week (the
 * stored results and payloads may name people), measured by the database's clock, which wrote
 * created_at; and programme files sent for upload once their 24 hours have passed, applied or
 * not (a file names every contact and partner), measured by the app's clock, which wrote
 * expires_at. Runs on every tick of the scheduler and is cheap with the indexes.
 */
export async function pruneOperationalRows(prisma: Prisma, now: Date): Promise<{ keys: number; outbox: number; uploads: number }> {
  const keys = await prisma.$executeRaw`
    DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => ${idempotencyKeyHours})`;
  const outbox = await prisma.$executeRaw`
    DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(days => ${deliveredOutboxDays})`;
  const { count: uploads } = await prisma.pendingUpload.deleteMany({ where: { expiresAt: { lt: now } } });
  return { keys, outbox, uploads };
}
