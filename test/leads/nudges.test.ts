/**
 * End to end, the monthly nudge: with `nudges.enabled` the job DMs the contacts of eligible
 * municipalities that never booked or (close to the end) have units left; once per month however
 * often it runs; the button opens the booking modal; one click opts a contact out of the next ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueNudges } from "../../src/db/nudges.ts";
import { loadRules } from "../../src/db/queries.ts";
import * as ids from "../../src/slack/ids.ts";
import { insertRequests } from "../support/fixtures.ts";
import { buttonsOf, mutableClock, startFlow, textOf, type Flow } from "../slack/flow-helpers.ts";

// The example programme ends 2027-12-31: on 15 November fewer than 8 weeks are left.
const clock = mutableClock("2027-11-15T10:00:00Z");

describe("monthly nudges", () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await startFlow({ clock });
    const prisma = flow.db.prisma;
    await prisma.programme.update({ where: { id: "programme" }, data: { nudgesEnabled: true, nudgesWeeksBeforeEnd: 8 } });
    const person = (slackId: string) => flow.personId(slackId);
    const held = { partnerId: await person("U01PARTNER4"), state: "held" as const, createdAt: new Date("2027-03-01T09:00:00Z") };
    // Musterstadt used all 12 units; Beispielheim 3 of 12; Waldtal and Neckarfeld nothing.
    await insertRequests(prisma, { ...held, municipalityKey: "musterstadt", requesterId: await person("U01CONTACT1"), count: 12 });
    await insertRequests(prisma, { ...held, municipalityKey: "beispielheim", requesterId: await person("U01CONTACT3"), count: 3 });
  });
  afterAll(async () => flow?.stop());

  const nudges = () => flow.slack.calls("chat.postMessage").filter((c) => buttonsOf(c.args.blocks).some((b) => b.action_id === ids.NUDGE_OPT_OUT));
  const recipients = () => nudges().map((c) => String(c.args.channel)).sort();

  it("DMs the contacts who should hear, once a month however often the job runs, and the button opens the booking modal", async () => {
    expect(await flow.app.jobs.runDue()).toContain("nudges:2027-11");
    await flow.settle();
    // Not Musterstadt (no units left), Hügelland and Altdorf (not eligible), Rebenau (inactive).
    expect(recipients()).toEqual(["DU01CONTACT3", "DU01CONTACT4", "DU01CONTACT5"]);
    const beispielheim = nudges().find((c) => c.args.channel === "DU01CONTACT3")!;
    expect(textOf(beispielheim.args.blocks)).toContain("noch 9 Sparring-Einheiten frei");
    expect(textOf(nudges().find((c) => c.args.channel === "DU01CONTACT4")!.args.blocks)).toContain("noch kein Sparring gebucht");

    // Again later this month: the slot is taken; and even the step itself run again writes nothing.
    clock.advance(24 * 3_600_000);
    expect(await flow.app.jobs.runDue()).not.toContain("nudges:2027-11");
    expect(await enqueueNudges(flow.db.prisma, (await loadRules(flow.db.prisma))!, clock())).toBe(0);
    await flow.settle();
    expect(nudges()).toHaveLength(3);
    expect(await flow.db.prisma.nudgeSent.count()).toBe(3);

    // The nudge's button is the booking path of /sparring: it opens the booking modal.
    expect(await flow.press("U01CONTACT4", nudges().find((c) => c.args.channel === "DU01CONTACT4")!, ids.OPEN_BOOKING)).toBe(200);
    await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.BOOKING_MODAL);
  });

  it("opts out with one click (only the contact the nudge was for), and the next month's nudge skips them", async () => {
    const waldtal = nudges().find((c) => c.args.channel === "DU01CONTACT4")!;
    // Someone else pressing Waldtal's button (a forwarded or forged payload) changes nothing.
    expect(await flow.press("U01CONTACT5", waldtal, ids.NUDGE_OPT_OUT, { responseId: "OPT-FORGED" })).toBe(200);
    expect(textOf((await flow.responded("OPT-FORGED")).args.blocks)).toContain("jemand anderen");
    expect(await flow.db.prisma.nudgeOptOut.count()).toBe(0);

    expect(await flow.press("U01CONTACT4", waldtal, ids.NUDGE_OPT_OUT, { responseId: "OPT-OWN" })).toBe(200);
    expect(textOf((await flow.responded("OPT-OWN")).args.blocks)).toContain("keine solchen Hinweise mehr");
    expect(await flow.db.prisma.nudgeOptOut.findMany()).toEqual([expect.objectContaining({ personId: await flow.personId("U01CONTACT4") })]);

    flow.slack.reset();
    clock.set(new Date("2027-12-01T10:00:00Z"));
    expect(await flow.app.jobs.runDue()).toContain("nudges:2027-12");
    await flow.settle();
    expect(recipients()).toEqual(["DU01CONTACT3", "DU01CONTACT5"]);
  });
});
