import type { ProgrammeRules, SessionRequest } from "../types.ts";

/** A claim of one job run; the token fences a holder whose claim was taken over. */
export interface JobClaim {
  name: string;
  slot: string;
  token: string;
}

/** What the scheduled jobs do on the data (src/db/scheduled-work.ts). */
export interface ScheduledWork {
  /** One run per (name, slot) across all replicas; null: another has it. */
  claimJobRun(name: string, slot: string, now: Date, timeoutMs?: number): Promise<JobClaim | null>;
  finishJobRun(claim: JobClaim, now: Date): Promise<boolean>;
  releaseJobRun(claim: JobClaim): Promise<void>;
  expireOverdue(): Promise<SessionRequest[]>;
  enqueueReminders(programme: ProgrammeRules, now: Date): Promise<void>;
  enqueueHeldQuestions(programme: ProgrammeRules, now: Date): Promise<void>;
  /** The reminder `reminders.before_minutes` before a session (src/db/due-reminders.ts). */
  enqueueSoonReminders(programme: ProgrammeRules, now: Date): Promise<void>;
  /** Unanswered requests: the partner's reminder and the requester's expiry warning. */
  enqueueRequestReminders(programme: ProgrammeRules, now: Date): Promise<void>;
  removeExpiredQuestions(programme: ProgrammeRules, now: Date): Promise<void>;
  /** This month's nudges (src/db/nudges.ts): at most one per municipality and month. */
  enqueueNudges(programme: ProgrammeRules, now: Date): Promise<void>;
  /** Deletes rows kept only for a while: idempotency keys, delivered outbox rows, expired programme uploads. */
  pruneOperationalRows(now: Date): Promise<void>;
  /** Queues one prepared Slack delivery; the dedupe key makes a re-run a no-op. */
  enqueueDelivery(payload: object, dedupeKey: string): Promise<void>;
}
