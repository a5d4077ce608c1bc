import { TZDate } from "@date-fns/tz";

/**
 * Calendar days as "YYYY-MM-DD" strings. Day arithmetic runs on UTC midnights so it never meets a
 * DST change; only the conversion to and from instants uses the programme's time zone.
 */
export type CalendarDay = string;

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: CalendarDay): [number, number, number] {
  const match = dayPattern.exec(day);
  if (!match) throw new Error(`not a calendar day (YYYY-MM-DD): ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The calendar day an instant falls on in the given time zone. */
export function calendarDayOf(instant: Date, timezone: string): CalendarDay {
  const local = new TZDate(instant.getTime(), timezone);
  return `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/**
 * Local midnights already worked out, by zone and day: every booking checks the programme period,
 * and each time-zone conversion asks Intl for offsets (measured: ~2% of a booking's CPU). Bounded,
 * as the days asked for are few (period bounds, today, a session's day).
 */
const midnights = new Map<string, number>();
const maxMidnights = 2_000;

/** The instant local midnight starts the given day in the time zone. */
export function startOfCalendarDay(day: CalendarDay, timezone: string): Date {
  const key = `${timezone} ${day}`;
  let instant = midnights.get(key);
  if (instant === undefined) {
    const [y, m, d] = parts(day);
    instant = new TZDate(y, m - 1, d, 0, 0, 0, timezone).getTime();
    if (midnights.size >= maxMidnights) midnights.clear();
    midnights.set(key, instant);
  }
  return new Date(instant);
}

export function addCalendarDays(day: CalendarDay, days: number): CalendarDay {
  const [y, m, d] = parts(day);
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return shifted.toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: CalendarDay): number {
  const [y, m, d] = parts(day);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}
