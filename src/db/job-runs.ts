import { randomUUID } from "node:crypto";
import type { Prisma } from "./client.ts";

import type { JobClaim } from "../domain/ports/scheduled-work.ts";

export type { JobClaim } from "../domain/ports/scheduled-work.ts";

/**
 * How long an unfinished claim keeps a slot. Jobs take seconds; a claim this old belongs to a
 * process that was killed mid-run, and the slot is taken over (what the job enqueues is
 * de-duplicated by dedupe keys, so a run repeated after a takeover sends nothing twice).
 */
export const jobClaimTimeoutMs = 10 * 60_000;

/**
 * Claims one run of a job for a slot (e.g. "digest" for "2026-W48"). The primary key makes the
 * claim exactly-once across replicas: the one whose insert lands runs it, the others skip; an
 * unfinished claim older than `timeoutMs` is taken over by one of them under a new token.
 */
export async function claimJobRun(
  prisma: Prisma,
  name: string,
  slot: string,
  now: Date,
  timeoutMs = jobClaimTimeoutMs,
): Promise<JobClaim | null> {
  const token = randomUUID();
  const staleBefore = new Date(now.getTime() - timeoutMs);
  const rows = await prisma.$queryRaw<unknown[]>`
    INSERT INTO job_runs (name, slot, started_at, claim_token) VALUES (${name}, ${slot}, ${now}, ${token}::uuid)
    ON CONFLICT (name, slot) DO UPDATE SET started_at = EXCLUDED.started_at, claim_token = EXCLUDED.claim_token
      WHERE job_runs.finished_at IS NULL AND job_runs.started_at < ${staleBefore}
    RETURNING name`;
  return rows.length === 1 ? { name, slot, token } : null;
}

export async function finishJobRun(prisma: Prisma, claim: JobClaim, now: Date): Promise<boolean> {
  const { count } = await prisma.jobRun.updateMany({
    where: { name: claim.name, slot: claim.slot, claimToken: claim.token, finishedAt: null },
    data: { finishedAt: now },
  });
  return count === 1;
}

/** A claimed run that failed is released so the next tick (on any replica) tries again. */
export async function releaseJobRun(prisma: Prisma, claim: JobClaim): Promise<void> {
  await prisma.jobRun.deleteMany({ where: { name: claim.name, slot: claim.slot, claimToken: claim.token, finishedAt: null } });
}
