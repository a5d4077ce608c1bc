/**
 * End to end, the weekly digest for the leads: two app instances on one PostgreSQL post it once;
 * a digest missed while the app was down is caught up once; 500 municipalities still fit.
 * The digest goes to a channel: names and counts only, never a question or a requester.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertWithinSlackLimits } from "../support/block-kit-limits.ts";
import { insertRequests } from "../support/fixtures.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";
import { settleAll, startApp, type RunningApp } from "../support/start-app.ts";
import { mutableClock, textOf } from "../slack/flow-helpers.ts";
import { bulkMunicipalities } from "./lead-helpers.ts";

const clock = mutableClock("2026-06-15T06:05:00Z"); // Monday 08:05 in Berlin (CEST)
const secret = "GEHEIM-DIGEST-4711";

describe("weekly digest", () => {
  let database: { url: string; drop: () => Promise<void> };
  let one: RunningApp;
  let two: RunningApp;
  beforeAll(async () => {
    database = await createThrowawayDatabase("sparring_digest");
    one = await startApp({ clock, databaseUrl: database.url });
    two = await startApp({ clock, databaseUrl: database.url, slack: one.slack, importExample: false });
    const prisma = one.db.prisma;
    const person = async (slackId: string) => (await prisma.person.findUniqueOrThrow({ where: { slackId } })).id;
    const feb = new Date("2026-02-16T09:00:00Z");
    await insertRequests(prisma, { municipalityKey: "musterstadt", requesterId: await person("U01CONTACT1"), partnerId: await person("U01PARTNER4"), count: 11, state: "held", createdAt: feb });
    await insertRequests(prisma, {
      municipalityKey: "beispielheim", requesterId: await person("U01CONTACT3"), partnerId: await person("U01PARTNER1"), count: 2, state: "requested", createdAt: new Date("2026-06-08T08:00:00Z"), // waiting, not yet expired
    });
    await prisma.sessionRequest.updateMany({ data: { question: secret, preferredTimes: `${secret} dienstags` } });
  });
  afterAll(async () => {
    await two?.stop();
    await one?.stop();
    await database?.drop();
  });

  const digests = () => one.slack.calls("chat.postMessage").filter((c) => c.args.channel === "C0DIGEST01");
  const runBoth = async () => {
    await Promise.all([one.app.jobs.runDue(), two.app.jobs.runDue()]);
    await settleAll([one, two]);
  };

  it("two instances on one database post Monday's digest exactly once, without questions or requester names", async () => {
    await runBoth();
    expect(digests()).toHaveLength(1);
    await runBoth(); // a later tick in the same week: nothing new
    expect(digests()).toHaveLength(1);
    expect(one.slack.calls("chat.postMessage").filter((c) => String(c.args.channel).startsWith("C"))).toHaveLength(1);

    const digest = digests()[0]!;
    assertWithinSlackLimits({ text: digest.args.text, blocks: digest.args.blocks });
    const everything = JSON.stringify(digest.args);
    const text = textOf(digest.args.blocks);
    expect(text).toContain("Wochenübersicht Sparring");
    expect(text).toContain("Einheiten gesamt – durchgeführt: *11* · vereinbart: *0* · angefragt: *2*");
    expect(text).toContain("• Stadt Musterstadt: 11 von 12");
    expect(text).toContain("Seit mehr als 3 Arbeitstagen unbeantwortet: *2*");
    expect(everything).not.toContain(secret);
    for (const name of ["Erika Mustermann", "Max Mustermann", "Fatma Yilmaz"]) expect(everything).not.toContain(name);
    const runs = await one.db.prisma.jobRun.findMany({ where: { name: "weekly-digest" } });
    expect(runs.map((r) => r.slot)).toEqual(["2026-W25"]);
  });

  it("catch-up: on Tuesday with no digest this week yet, a fresh instance posts it once", async () => {
    clock.set("2026-06-23T10:00:00Z"); // Tuesday of the next week; nobody ran on Monday
    const before = digests().length;
    const fresh = await startApp({ clock, databaseUrl: database.url, slack: one.slack, importExample: false });
    try {
      expect(await fresh.app.jobs.runDue()).toContain("weekly-digest:2026-W26");
      await settleAll([fresh, one, two]);
      expect(digests()).toHaveLength(before + 1);
      await Promise.all([fresh.app.jobs.runDue(), one.app.jobs.runDue(), two.app.jobs.runDue()]);
      await settleAll([fresh, one, two]);
      expect(digests()).toHaveLength(before + 1);
    } finally {
      await fresh.stop();
    }
  });

  it("with 500 municipalities the digest stays within Block Kit limits and ends its lists in “… und N weitere”", async () => {
    await bulkMunicipalities(one.db.prisma, 500);
    clock.set("2026-06-29T06:05:00Z"); // the Monday after
    const before = digests().length;
    await runBoth();
    expect(digests()).toHaveLength(before + 1);
    const digest = digests().at(-1)!;
    assertWithinSlackLimits({ text: digest.args.text, blocks: digest.args.blocks });
    expect(digest.args.blocks.length).toBeLessThanOrEqual(50);
    const text = textOf(digest.args.blocks);
    // Unused: Waldtal, Neckarfeld and the 500 (not Hügelland: a Landkreis of 2020/21); 15 are listed.
    expect(text).toContain("Kommunen ohne Anfrage: *502*");
    expect(text).toContain("… und 487 weitere");
  });

  it("the digest in the channel follows the programme's language setting (en), whoever reads it", async () => {
    await one.db.prisma.programme.update({ where: { id: "programme" }, data: { language: "en" } });
    clock.set("2026-07-06T06:05:00Z"); // the next Monday
    const before = digests().length;
    await runBoth();
    expect(digests()).toHaveLength(before + 1);
    const text = textOf(digests().at(-1)!.args.blocks);
    expect(text).toContain("Weekly sparring digest");
    expect(text).not.toContain("Wochenübersicht");
  });
});
