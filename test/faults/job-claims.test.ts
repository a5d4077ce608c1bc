/**
 * A job slot claimed by a process that was killed before it finished (the claim row stays
 * unfinished) is not lost: after the claim time-out one of two instances takes it over and runs it
 * once, and the dead holder can neither finish nor release the slot afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimJobRun, finishJobRun, jobClaimTimeoutMs, releaseJobRun } from "../../src/db/job-runs.ts";
import { createSparringService } from "../../src/db/sparring-service.ts";
import { dueDigestSlot } from "../../src/jobs/digest-schedule.ts";
import { mutableClock } from "../slack/flow-helpers.ts";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";
import { settleAll } from "../support/start-app.ts";
import { startInstance, type Instance } from "./harness.ts";

const clock = mutableClock("2026-06-15T06:30:00Z"); // Monday 08:30 in Berlin, after the digest's 08:00

describe("a job claim left unfinished by a killed process", () => {
  let slack: FakeSlack;
  let database: { url: string; drop: () => Promise<void> };
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    slack = await startFakeSlack();
    database = await createThrowawayDatabase("sparring_claims");
    a = await startInstance({ slack, databaseUrl: database.url, clock });
    b = await startInstance({ slack, databaseUrl: database.url, clock, importExample: false });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await slack?.close();
    await database?.drop();
  });

  const digests = () => slack.calls("chat.postMessage").filter((c) => c.args.channel === "C0DIGEST01" && c.status === 200);
  const tickBoth = async () => {
    const ran = (await Promise.all([a.app.jobs.runDue(), b.app.jobs.runDue()])).flat();
    await settleAll([a, b]);
    return ran.filter((r) => r.startsWith("weekly-digest"));
  };

  it("expires after the claim time-out; one of two instances runs the slot once; the dead holder cannot finish or release it", async () => {
    const prisma = a.db.prisma;
    const programme = await createSparringService(a.db, clock).programme();
    const slot = dueDigestSlot(programme!, clock())!;
    // What a process killed in the middle of the digest leaves behind: its claim, never finished.
    const dead = await claimJobRun(prisma, "weekly-digest", slot, clock());
    expect(dead).not.toBeNull();

    // While the claim is fresh (the holder may still be working), nobody else runs the slot.
    expect(await tickBoth()).toEqual([]);
    clock.advance(jobClaimTimeoutMs - 60_000);
    expect(await tickBoth()).toEqual([]);
    expect(digests()).toHaveLength(0);

    // Past the claim time-out: taken over, by exactly one instance, and the digest is posted once.
    clock.advance(2 * 60_000);
    expect(await tickBoth()).toEqual([`weekly-digest:${slot}`]);
    expect(digests()).toHaveLength(1);
    const run = await prisma.jobRun.findUniqueOrThrow({ where: { name_slot: { name: "weekly-digest", slot } } });
    expect(run.finishedAt).not.toBeNull();
    expect(run.claimToken).not.toBe(dead!.token);

    // The killed process's claim is fenced out: it can neither finish nor release the taken-over slot.
    expect(await finishJobRun(prisma, dead!, clock())).toBe(false);
    await releaseJobRun(prisma, dead!);
    expect(await prisma.jobRun.count({ where: { name: "weekly-digest", slot } })).toBe(1);
    // Later ticks that week change nothing.
    clock.advance(jobClaimTimeoutMs * 3);
    expect(await tickBoth()).toEqual([]);
    expect(digests()).toHaveLength(1);
  });
});
