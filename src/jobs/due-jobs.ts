import { calendarDayOf } from "../domain/calendar-day.ts";
import { nudgeMonth } from "../domain/nudges.ts";
import type { ProgrammeRules } from "../domain/types.ts";
import { usageChartData } from "../reports/usage-chart.ts";
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
    { name: "expire-requests", run: async ({ work }) => void (await work.expireOverdue()) },
    { name: "reminders", run: ({ work, clock }) => work.enqueueReminders(programme, clock()) },
    { name: "held-questions", run: ({ work, clock }) => work.enqueueHeldQuestions(programme, clock()) },
    { name: "reminders-soon", run: ({ work, clock }) => work.enqueueSoonReminders(programme, clock()) },
    { name: "request-reminders", run: ({ work, clock }) => work.enqueueRequestReminders(programme, clock()) },
    {
      name: "question-retention",
      slot: calendarDayOf(now, programme.timezone),
      run: ({ work, clock }) => work.removeExpiredQuestions(programme, clock()),
    },
    // Monthly: the first tick of each month claims the month's slot (once across replicas).
    ...(programme.nudges.enabled
      ? [{ name: "nudges", slot: nudgeMonth(now, programme.timezone), run: ({ work, clock }: JobContext) => work.enqueueNudges(programme, clock()) }]
      : []),
    { name: "prune-keys-and-outbox", run: ({ work, clock }) => work.pruneOperationalRows(clock()) },
  ];
  const digestSlot = dueDigestSlot(programme, now);
  if (digestSlot && programme.digest.channel) {
    const channel = programme.digest.channel;
    jobs.push({
      name: "weekly-digest",
      slot: digestSlot,
      async run({ work, service, clock }) {
        const at = clock();
        const { overview, unansweredHeld: unanswered } = await service.leadOverview(programme, at);
        // The channel is German-speaking by default: the programme's language.
        const message = overviewMessage({ locale: programme.language, timezone: programme.timezone, overview, unansweredHeld: unanswered.length, kind: "digest" });
        const personIds = [...overview.byPartner.map((p) => p.personId)];
        await work.enqueueDelivery({ op: "channel_message", channel, text: message.text, blocks: message.blocks, personIds }, `digest:${digestSlot}`);
        // The chart from the same overview as the text; rendered and uploaded by the outbox worker.
        await work.enqueueDelivery({ op: "channel_chart", channel, chart: usageChartData(overview, programme) }, `digest-chart:${digestSlot}`);
      },
    });
  }
  return jobs;
}
