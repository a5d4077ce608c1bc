import type { Prisma } from "./client.ts";

/**
 * Claims one run of a job for a slot (e.g. "digest" for "2026-W48"). The primary key makes the
 * claim exactly-once across replicas: the one whose insert lands runs it, the others skip.
 */
export async function claimJobRun(prisma: Prisma, name: string, slot: string, now: Date): Promise<boolean> {
  const rows = await prisma.$queryRaw<unknown[]>`
    INSERT INTO job_runs (name, slot, started_at) VALUES (${name}, ${slot}, ${now})
    ON CONFLICT DO NOTHING RETURNING name`;
  return rows.length === 1;
}

export async function finishJobRun(prisma: Prisma, name: string, slot: string, now: Date): Promise<void> {
  await prisma.jobRun.update({ where: { name_slot: { name, slot } }, data: { finishedAt: now } });
}

/** A claimed run that failed is released so the next tick (on any replica) tries again. */
export async function releaseJobRun(prisma: Prisma, name: string, slot: string): Promise<void> {
  await prisma.jobRun.deleteMany({ where: { name, slot, finishedAt: null } });
}
