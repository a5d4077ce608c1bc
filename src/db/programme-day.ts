import type { Prisma } from "./client.ts";
import { calendarDayOf, type CalendarDay } from "../domain/calendar-day.ts";
import { defaultTimezone } from "../domain/timezone.ts";

/** The calendar day `now` falls on in the programme's time zone: the day a partner's pause is counted in. */
export async function programmeDay(prisma: Prisma, now: Date): Promise<CalendarDay> {
  const programme = await prisma.programme.findUnique({ where: { id: "programme" }, select: { timezone: true } });
  return calendarDayOf(now, programme?.timezone ?? defaultTimezone);
}
