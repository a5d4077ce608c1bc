import { calendarDayOf, type CalendarDay } from "./calendar-day.ts";
import { isEligible } from "./eligibility.ts";
import type { Municipality, ProgrammeRules } from "./types.ts";

type Rules = Pick<ProgrammeRules, "cohorts" | "cohortKinds" | "periodStart" | "periodEnd" | "timezone" | "quotaUnits" | "nudges">;

/** A municipality as the monthly nudge sees it: its units held, scheduled or waiting for an answer. */
export interface NudgeCandidate extends Pick<Municipality, "key" | "kind" | "cohort" | "active"> {
  reservedUnits: number;
}

export type NudgeReason = { kind: "never_booked" } | { kind: "units_left"; unitsLeft: number; weeksLeft: number };

/** The month a nudge counts against ("YYYY-MM" in the programme's time zone): one per municipality. */
export function nudgeMonth(now: Date, timezone: string): string {
  return calendarDayOf(now, timezone).slice(0, 7);
}

const dayNumber = (day: CalendarDay) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * Why this municipality gets this month's nudge, or null. Only while the programme runs and only
 * for active municipalities whose round and kind may book: one with nothing booked (declined or
 * expired requests do not count), or, once fewer than `weeks_before_end` weeks are left, one with
 * units left — earlier in the programme units left are normal and not worth a message.
 */
export function nudgeReason(rules: Rules, m: NudgeCandidate, now: Date): NudgeReason | null {
  if (!rules.nudges.enabled || !m.active || !isEligible(rules, m)) return null;
  const today = calendarDayOf(now, rules.timezone);
  if (today < rules.periodStart || today > rules.periodEnd) return null;
  if (m.reservedUnits === 0) return { kind: "never_booked" };
  const unitsLeft = rules.quotaUnits - m.reservedUnits;
  // Days to go including the last day of the programme.
  const weeksLeft = (dayNumber(rules.periodEnd) - dayNumber(today) + 1) / 7;
  if (unitsLeft > 0 && weeksLeft < rules.nudges.weeksBeforeEnd) return { kind: "units_left", unitsLeft, weeksLeft: Math.ceil(weeksLeft) };
  return null;
}

/** The outbox payload of one nudge DM (rendered in the contact's language by the outbox worker). */
export interface NudgeDelivery {
  op: "nudge";
  slackId: string;
  personId: string;
  municipalityName: string;
  /** Null: never booked. */
  unitsLeft: number | null;
}
