import { addCalendarDays, calendarDayOf, startOfCalendarDay } from "./calendar-day.ts";
import { addWorkingDays, expiryDeadline, isWorkingDay } from "./working-days.ts";
import type { ProgrammeRules } from "./types.ts";

/**
 * When each reminder is due. Pure: the rules and a clock's `now`; the data layer claims the rows
 * (one UPDATE per kind, so each reminder is written once across replicas).
 */
type ReminderRules = Pick<ProgrammeRules, "timezone" | "holidayRegion" | "requestExpiryWorkingDays" | "reminders">;

/**
 * The day-before reminder goes on the working day before the session: on a Friday for a Monday
 * session (the text never says "tomorrow" itself: Slack's date token does, only when it is true).
 * On a day off nothing is sent; the `before_minutes` reminder covers a session booked then.
 * Returns the window [from, to) of session starts due now, or null on a day off.
 */
export function dayBeforeWindow(now: Date, rules: Pick<ProgrammeRules, "timezone" | "holidayRegion">): { from: Date; to: Date } | null {
  const today = calendarDayOf(now, rules.timezone);
  if (!isWorkingDay(today, rules)) return null;
  return {
    from: startOfCalendarDay(addCalendarDays(today, 1), rules.timezone),
    // Up to the end of the next working day: on a Friday that covers the weekend and Monday.
    to: startOfCalendarDay(addCalendarDays(addWorkingDays(today, 1, rules), 1), rules.timezone),
  };
}

/** Sessions starting in (now, now + before_minutes] get the short reminder. */
export function soonWindowEnd(now: Date, rules: Pick<ProgrammeRules, "reminders">): Date {
  return new Date(now.getTime() + rules.reminders.beforeMinutes * 60_000);
}

/**
 * A partner who has not answered is reminded at the start of the working day after N full working
 * days: made on a Monday with N = 2, on Thursday; made on a Thursday, on the next Tuesday.
 */
export function partnerNudgeAt(createdAt: Date, rules: ReminderRules): Date {
  const day = addWorkingDays(calendarDayOf(createdAt, rules.timezone), rules.reminders.partnerUnansweredWorkingDays + 1, rules);
  return startOfCalendarDay(day, rules.timezone);
}

/**
 * The requester is told W working days before the request expires: at the start of the W-th
 * working day before the expiry (W = 1: the last working day it can still be answered). A
 * warning that would fall on the day it was made comes at the start of the next working day.
 */
export function expiryWarningAt(createdAt: Date, rules: ReminderRules): Date {
  const ahead = Math.max(1, rules.requestExpiryWorkingDays - rules.reminders.expiryWarningWorkingDays + 1);
  const day = addWorkingDays(calendarDayOf(createdAt, rules.timezone), ahead, rules);
  return startOfCalendarDay(day, rules.timezone);
}

export type RequestReminder = "partner_unanswered" | "expiry_warning";

/** Which reminders an unanswered request is due for now (not yet sent ones only; the caller filters). */
export function dueRequestReminders(createdAt: Date, now: Date, rules: ReminderRules): RequestReminder[] {
  const due: RequestReminder[] = [];
  const expiresAt = expiryDeadline(createdAt, rules);
  // A nudge the partner could no longer act on before the expiry is pointless.
  if (partnerNudgeAt(createdAt, rules) <= now && now < expiresAt) due.push("partner_unanswered");
  if (expiryWarningAt(createdAt, rules) <= now && now < expiresAt) due.push("expiry_warning");
  return due;
}
