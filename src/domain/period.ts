import { refuse, type Refusal } from "./refusals.ts";
import { addCalendarDays, startOfCalendarDay } from "./calendar-day.ts";
import type { ProgrammeRules } from "./types.ts";

type PeriodRules = Pick<ProgrammeRules, "periodStart" | "periodEnd" | "timezone">;

/** The programme period as instants: [start of the first day, start of the day after the last day). */
export function periodBounds(rules: PeriodRules): { start: Date; end: Date } {
  return {
    start: startOfCalendarDay(rules.periodStart, rules.timezone),
    end: startOfCalendarDay(addCalendarDays(rules.periodEnd, 1), rules.timezone),
  };
}

/** Is the instant inside the programme period (both period days inclusive, in the programme's zone)? */
export function isInsidePeriod(instant: Date, rules: PeriodRules): boolean {
  const { start, end } = periodBounds(rules);
  return instant >= start && instant < end;
}

/** Does a whole session [start, end] lie inside the programme period? */
export function isSessionInsidePeriod(start: Date, end: Date, rules: PeriodRules): boolean {
  const bounds = periodBounds(rules);
  return start >= bounds.start && end <= bounds.end;
}

/** New requests are taken from the first day of the period to the end of its last day. */
export function checkRequestWindow(
  now: Date,
  rules: PeriodRules,
): Extract<Refusal, { code: "programme_not_started" | "programme_ended" }> | null {
  const { start, end } = periodBounds(rules);
  if (now < start) return refuse("programme_not_started", { start: rules.periodStart });
  if (now >= end) return refuse("programme_ended", { end: rules.periodEnd });
  return null;
}
