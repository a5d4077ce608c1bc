import { calendarDayOf } from "../domain/calendar-day.ts";
import type { ProgrammeRules } from "../domain/types.ts";
import { enqueueHeldQuestions, enqueueReminders, unansweredHeldQuestions } from "../db/due-sessions.ts";
import { enqueueRequestReminders, enqueueSoonReminders } from "../db/due-reminders.ts";
import { enqueueDelivery } from "../db/outbox-queue.ts";
import { pruneOperationalRows, removeExpiredQuestions } from "../db/retention.ts";
import { buildOverview } from "../reports/overview.ts";
import { overviewMessage } from "../slack/views/overview-message.ts";
import { dueDigestSlot } from "./digest-schedule.ts";
import type { JobContext } from "./scheduler.ts";

export interface ScheduledJob {
  name: string;
  /**
   * The period this run covers; one run per (name, slot) across all replicas. Jobs without a slot
   * run on every tick and must be safe to run twice at once (each claims its rows with a
   * compare-and-swap UPDATE).
   */
  slot?: string;
  run(context: JobContext & { programme: ProgrammeRules }): Promise<void>;
}

/** The jobs due at `now`. */
export function dueJobs(programme: ProgrammeRules, now: Date): ScheduledJob[] {
  const jobs: ScheduledJob[] = [
    { name: "expire-requests", run: async ({ service }) => void (await service.expireOverdue()) },
    { name: "reminders", run: async ({ prisma, clock }) => void (await enqueueReminders(prisma, programme, clock())) },
    { name: "reminders-soon", run: async ({ prisma, clock }) => void (await enqueueSoonReminders(prisma, programme, clock())) },
    { name: "request-reminders", run: async ({ prisma, clock }) => void (await enqueueRequestReminders(prisma, programme, clock())) },
    { name: "held-questions", run: async ({ prisma, clock }) => void (await enqueueHeldQuestions(prisma, programme, clock())) },
    {
      name: "question-retention",
      slot: calendarDayOf(now, programme.timezone),
      run: async ({ prisma, clock }) => void (await removeExpiredQuestions(prisma, programme, clock())),
    },
    { name: "prune-keys-and-outbox", run: async ({ prisma }) => void (await pruneOperationalRows(prisma)) },
  ];
  const digestSlot = dueDigestSlot(programme, now);
  if (digestSlot && programme.digest.channel) {
    const channel = programme.digest.channel;
    jobs.push({
      name: "weekly-digest",
      slot: digestSlot,
      async run({ prisma, clock }) {
        const at = clock();
        const [overview, unanswered] = await Promise.all([buildOverview(prisma, programme, at), unansweredHeldQuestions(prisma, at)]);
        // The channel is German-speaking by default: the programme's language.
        const message = overviewMessage({ locale: "de", timezone: programme.timezone, overview, unansweredHeld: unanswered.length, kind: "digest" });
        const personIds = [...overview.byPartner.map((p) => p.personId)];
        await enqueueDelivery(prisma, { op: "channel_message", channel, text: message.text, blocks: message.blocks, personIds }, `digest:${digestSlot}`);
      },
    });
  }
  return jobs;
}
