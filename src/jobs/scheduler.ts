import type { LeadsPort } from "../domain/ports/leads.ts";
import type { JobClaim, ScheduledWork } from "../domain/ports/scheduled-work.ts";
import type { SparringService } from "../domain/service.ts";
import type { Clock, ProgrammeRules } from "../domain/types.ts";
import { safeError, type Logger } from "../logger.ts";
import { dueJobs, type ScheduledJob } from "./due-jobs.ts";

export interface Jobs {
  /** Runs every job that is due now (each slot once across all replicas). */
  runDue(): Promise<string[]>;
  stop(): Promise<void>;
}

export interface JobContext {
  work: ScheduledWork;
  service: Pick<SparringService, "programme"> & Pick<LeadsPort, "leadOverview">;
  clock: Clock;
  logger: Logger;
  /** Wakes the outbox worker after a job wrote notifications. */
  notify: () => void;
  /** Told about every run this process made (for /metrics). */
  onRun?: (job: string, ok: boolean) => void;
}

/**
 * Every tick asks which job slots are due (a pure function of the clock and the programme) and
 * claims each in job_runs before running it, so with several replicas each slot runs once, and
 * after a restart a missed slot (e.g. Monday's digest) is still due and runs once. A claim left
 * unfinished by a killed process expires (job-runs.ts) and the slot is run again.
 */
export function startJobs(context: JobContext & { intervalMs: number; claimTimeoutMs?: number }): Jobs {
  const { work, service, clock, logger } = context;
  let running: Promise<string[]> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function runJob(job: ScheduledJob, programme: ProgrammeRules): Promise<boolean> {
    const slot = job.slot;
    let claim: JobClaim | null = null;
    if (slot !== undefined) {
      claim = await work.claimJobRun(job.name, slot, clock(), context.claimTimeoutMs);
      if (!claim) return false;
    }
    try {
      await job.run({ ...context, programme });
      if (claim && !(await work.finishJobRun(claim, clock()))) {
        logger.warn({ job: job.name, slot }, "job run finished after its claim was taken over");
      }
      context.onRun?.(job.name, true);
      return true;
    } catch (error) {
      logger.error({ job: job.name, slot, err: safeError(error) }, "job failed");
      context.onRun?.(job.name, false);
      if (claim) await work.releaseJobRun(claim);
      return false;
    }
  }

  async function runDueOnce(): Promise<string[]> {
    const programme = await service.programme();
    if (!programme) return [];
    const ran: string[] = [];
    for (const job of dueJobs(programme, clock())) {
      if (await runJob(job, programme)) ran.push(job.slot ? `${job.name}:${job.slot}` : job.name);
    }
    if (ran.length > 0) context.notify();
    return ran;
  }

  function runDue(): Promise<string[]> {
    running ??= runDueOnce().finally(() => {
      running = null;
    });
    return running;
  }

  const schedule = () => {
    if (stopped || context.intervalMs <= 0) return;
    timer = setTimeout(() => {
      void runDue()
        .catch((error) => logger.error({ err: safeError(error) }, "job tick failed"))
        .finally(schedule);
    }, context.intervalMs);
  };
  schedule();

  return {
    runDue,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (running) await running.catch(() => undefined);
    },
  };
}
