import type { RequestState } from "./types.ts";

/**
 * The iCalendar SEQUENCE of a request's session (RFC 5545 §3.8.7.4): calendars keep the version
 * with the highest SEQUENCE of a UID, so every change a recipient may have imported must count
 * one higher. Derived from the audit trail, not stored: each step into, within or out of
 * `scheduled` (accepted, a new date, a move, cancelled, held) is one revision; the first
 * (accepted) is 0. A file sent twice for the same state (a retried delivery) carries the same
 * number, which calendars treat as the same version.
 */
export function calendarSequence(history: ReadonlyArray<{ fromState: RequestState | null; toState: RequestState }>): number {
  const revisions = history.filter((e) => e.fromState === "scheduled" || e.toState === "scheduled").length;
  return Math.max(0, revisions - 1);
}
