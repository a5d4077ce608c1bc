import { describe, expect, it, vi } from "vitest";
import { dueJobs, type ScheduledJob } from "../../src/jobs/due-jobs.ts";
import type { JobContext } from "../../src/jobs/scheduler.ts";
import type { ScheduledWork } from "../../src/domain/ports/scheduled-work.ts";
import { rules } from "../domain/builders.ts";

/** Monday 30 Nov 2026, 08:30 in Berlin (CET): past the default digest time. */
const mondayMorning = new Date("2026-11-30T07:30:00Z");
/** Sunday 29 Nov 2026, 23:30 in Berlin (22:30 UTC): already Monday on Kiritimati (UTC+14). */
const sundayLate = new Date("2026-11-29T22:30:00Z");

const named = (jobs: ScheduledJob[], name: string) => {
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new Error(`no job ${name} among ${jobs.map((j) => j.name).join(", ")}`);
  return job;
};

/** Every method of the data layer's scheduled work, recorded. */
function fakeWork(): ScheduledWork & Record<string, ReturnType<typeof vi.fn>> {
  const calls = new Map<string, ReturnType<typeof vi.fn>>();
  return new Proxy({}, {
    get: (_target, name: string) => {
      if (!calls.has(name)) calls.set(name, vi.fn(async () => (name === "expireOverdue" ? [] : undefined)));
      return calls.get(name);
    },
  }) as ScheduledWork & Record<string, ReturnType<typeof vi.fn>>;
}

describe("dueJobs", () => {
  it("runs the request jobs on every tick without a slot, and the retention once per programme day", () => {
    const jobs = dueJobs(rules(), mondayMorning);
    expect(jobs.map((j) => j.name)).toEqual(expect.arrayContaining(["expire-requests", "reminders", "held-questions", "question-retention", "prune-keys-and-outbox"]));
    expect(new Set(jobs.map((j) => j.name)).size).toBe(jobs.length);
    expect(jobs.filter((j) => j.slot !== undefined).map((j) => [j.name, j.slot])).toEqual([["question-retention", "2026-11-30"]]);
  });

  it("names the retention's day in the programme's zone, not in UTC", () => {
    expect(named(dueJobs(rules(), sundayLate), "question-retention").slot).toBe("2026-11-29");
    expect(named(dueJobs(rules({ timezone: "Pacific/Kiritimati" }), sundayLate), "question-retention").slot).toBe("2026-11-30");
  });

  it("adds the weekly digest only with a channel, keyed by the ISO week of the last posting time", () => {
    expect(dueJobs(rules(), mondayMorning).map((j) => j.name)).not.toContain("weekly-digest");
    const withChannel = rules({ digest: { channel: "C0DIGEST", weekday: 1, time: "08:00" } });
    expect(named(dueJobs(withChannel, mondayMorning), "weekly-digest").slot).toBe("2026-W49");
    // Before Monday 08:00 the due slot is still last week's.
    expect(named(dueJobs(withChannel, new Date("2026-11-30T06:30:00Z")), "weekly-digest").slot).toBe("2026-W48");
  });

  it("hands each job's work to the data layer with the programme and the clock's time", async () => {
    const programme = rules();
    const work = fakeWork();
    const at = new Date("2026-11-30T09:00:00Z");
    const context = { work, service: {}, clock: () => at, logger: {}, notify: () => {} } as unknown as JobContext & { programme: typeof programme };
    for (const job of dueJobs(programme, mondayMorning)) await job.run({ ...context, programme });
    expect(work.expireOverdue).toHaveBeenCalledTimes(1);
    expect(work.enqueueReminders).toHaveBeenCalledWith(programme, at);
    expect(work.enqueueHeldQuestions).toHaveBeenCalledWith(programme, at);
    expect(work.removeExpiredQuestions).toHaveBeenCalledWith(programme, at);
    expect(work.pruneOperationalRows).toHaveBeenCalledWith(at);
    expect(work.enqueueDelivery).not.toHaveBeenCalled();
  });
});
