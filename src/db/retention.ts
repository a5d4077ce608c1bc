import type { Prisma } from "./client.ts";
import { addCalendarDays, startOfCalendarDay } from "../domain/calendar-day.ts";
import type { ProgrammeRules } from "../domain/types.ts";

type RetentionRules = Pick<ProgrammeRules, "periodEnd" | "timezone" | "questionRetentionDays">;

/** Questions are kept until the end of the period's last day plus the retention days (programme zone). */
export function questionsExpireAt(rules: RetentionRules): Date {
  return startOfCalendarDay(addCalendarDays(rules.periodEnd, 1 + rules.questionRetentionDays), rules.timezone);
}

/**
 * Removes the free-text questions and preferred times of all requests once the retention period
 * after the programme has passed (domain.md, data protection). Unit counts stay. Idempotent: a
 * second run finds nothing left and returns 0.
 */
export async function removeExpiredQuestions(prisma: Prisma, programme: RetentionRules, now: Date): Promise<number> {
  if (now < questionsExpireAt(programme)) return 0;
  return prisma.$executeRaw`
    UPDATE session_requests SET question = NULL, preferred_times = ''
    WHERE question IS NOT NULL OR preferred_times <> ''`;
}
