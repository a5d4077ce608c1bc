import type { Database } from "./client.ts";
import { enqueueHeldQuestions, enqueueReminders } from "./due-sessions.ts";
import { enqueueRequestReminders, enqueueSoonReminders } from "./due-reminders.ts";
import { expireOverdue } from "./expire-overdue.ts";
import { claimJobRun, finishJobRun, releaseJobRun } from "./job-runs.ts";
import { enqueueNudges } from "./nudges.ts";
import { enqueueDelivery } from "./outbox-queue.ts";
import { pruneOperationalRows, removeExpiredQuestions } from "./retention.ts";
import type { ScheduledWork } from "../domain/ports/scheduled-work.ts";
import type { Clock } from "../domain/types.ts";

/** What the scheduled jobs (src/jobs) do on one database; each step claims its rows, safe with replicas. */
export function scheduledWork(db: Database, clock: Clock): ScheduledWork {
  const { prisma } = db;
  return {
    claimJobRun: (name, slot, now, timeoutMs) => claimJobRun(prisma, name, slot, now, timeoutMs),
    finishJobRun: (claim, now) => finishJobRun(prisma, claim, now),
    releaseJobRun: (claim) => releaseJobRun(prisma, claim),
    expireOverdue: () => expireOverdue(db, clock),
    enqueueReminders: async (programme, now) => void (await enqueueReminders(prisma, programme, now)),
    enqueueSoonReminders: async (programme, now) => void (await enqueueSoonReminders(prisma, programme, now)),
    enqueueRequestReminders: async (programme, now) => void (await enqueueRequestReminders(prisma, programme, now)),
    enqueueHeldQuestions: async (programme, now) => void (await enqueueHeldQuestions(prisma, programme, now)),
    removeExpiredQuestions: async (programme, now) => void (await removeExpiredQuestions(prisma, programme, now)),
    enqueueNudges: async (programme, now) => void (await enqueueNudges(prisma, programme, now)),
    pruneOperationalRows: async (now) => void (await pruneOperationalRows(prisma, now)),
    enqueueDelivery: (payload, dedupeKey) => enqueueDelivery(prisma, payload, dedupeKey),
  };
}
