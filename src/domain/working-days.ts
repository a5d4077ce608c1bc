import { addCalendarDays, calendarDayOf, isoWeekday, startOfCalendarDay, type CalendarDay } from "./calendar-day.ts";
import { germanPublicHolidays } from "./german-holidays.ts";
import type { ProgrammeRules } from "./types.ts";

type WorkingDayRules = Pick<ProgrammeRules, "holidayRegion" | "timezone">;

/** Public holidays per region and year ("BW:2026"): the working-day loops ask for the same year often. */
const holidayCache = new Map<string, Set<CalendarDay>>();

function publicHolidays(region: string, year: number): Set<CalendarDay> {
  const key = `${region}:${year}`;
  let days = holidayCache.get(key);
  if (!days) {
    days = germanPublicHolidays(region, year);
    holidayCache.set(key, days);
  }
  return days;
}

export function isPublicHoliday(day: CalendarDay, rules: WorkingDayRules): boolean {
  return publicHolidays(rules.holidayRegion, Number(day.slice(0, 4))).has(day);
}

/** Monday to Friday, except the public holidays of the programme's state. Instants are read in its zone. */
export function isWorkingDay(date: CalendarDay | Date, rules: WorkingDayRules): boolean {
  const day = typeof date === "string" ? date : calendarDayOf(date, rules.timezone);
  return isoWeekday(day) <= 5 && !isPublicHoliday(day, rules);
}

/** The `count`-th working day after `day` (the day itself does not count). */
export function addWorkingDays(day: CalendarDay, count: number, rules: WorkingDayRules): CalendarDay {
  let current = day;
  for (let found = 0; found < count; ) {
    current = addCalendarDays(current, 1);
    if (isWorkingDay(current, rules)) found += 1;
  }
  return current;
}

/**
 * A request expires once N full working days after the day it was made have passed without an
 * answer: made on a Monday with N = 5 and no holidays, it expires at 00:00 on the next Tuesday.
 */
export function expiryDeadline(
  createdAt: Date,
  rules: WorkingDayRules & Pick<ProgrammeRules, "requestExpiryWorkingDays">,
): Date {
  const lastDay = addWorkingDays(calendarDayOf(createdAt, rules.timezone), rules.requestExpiryWorkingDays, rules);
  return startOfCalendarDay(addCalendarDays(lastDay, 1), rules.timezone);
}
