import type { ProgrammeRules } from "../domain/types.ts";
import type { JobContext } from "./scheduler.ts";

export interface ScheduledJob {
  name: string;
  /**
   * The period this run covers; one run per (name, slot) across all replicas. Jobs without a slot
   * run on every tick and must be safe to run twice at once (compare-and-swap transitions).
   */
  slot?: string;
  run(context: JobContext & { programme: ProgrammeRules }): Promise<void>;
}

/** The jobs due at `now`. Minute-slotted jobs are idempotent on their own (compare-and-swap). */
export function dueJobs(programme: ProgrammeRules, now: Date): ScheduledJob[] {
  return [
    {
      name: "expire-requests",
      async run({ service }) {
        await service.expireOverdue();
      },
    },
  ];
}
