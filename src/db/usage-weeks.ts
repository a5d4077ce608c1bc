import type { Prisma } from "./client.ts";

export interface UsageWeekRow {
  /** Monday of the week (YYYY-MM-DD) in the programme's time zone. */
  week: string;
  held: number;
  scheduled: number;
  requested: number;
}

/**
 * Units per week by state, as they count now: held and scheduled by the session's date, requested
 * (not yet answered) by the day the request was made. Each reserving request is in exactly one week.
 */
export async function usageWeeks(prisma: Prisma, timezone: string): Promise<UsageWeekRow[]> {
  // Grouped by the week's start, formatted once per week rather than once per request.
  return prisma.$queryRaw<UsageWeekRow[]>`
    SELECT to_char(w.monday, 'YYYY-MM-DD') AS week, w.held, w.scheduled, w.requested
    FROM (SELECT date_trunc('week', (CASE WHEN state = 'requested' OR scheduled_start IS NULL THEN created_at ELSE scheduled_start END) AT TIME ZONE ${timezone}) AS monday,
                 COALESCE(SUM(units) FILTER (WHERE state = 'held'), 0)::int AS held,
                 COALESCE(SUM(units) FILTER (WHERE state = 'scheduled'), 0)::int AS scheduled,
                 COALESCE(SUM(units) FILTER (WHERE state = 'requested'), 0)::int AS requested
          FROM session_requests WHERE state IN ('requested', 'scheduled', 'held')
          GROUP BY 1) w
    ORDER BY w.monday`;
}
