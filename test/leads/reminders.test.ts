/**
 * Reminders end to end on two app instances sharing one PostgreSQL database and one Slack, both
 * running the jobs at the same moment: each reminder reaches each person exactly once. A Friday
 * reminder for a Monday session names Monday (Slack's date token; never "Morgen"), the second
 * reminder comes `before_minutes` before the start, an unanswered request reminds the partner after
 * 2 working days and warns the requester on the last working day before it expires.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RecordedCall } from "../support/fake-slack.ts";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { clearRequests } from "../support/fixtures.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";
import { startInstance, type Instance } from "../faults/harness.ts";
import { mutableClock, textOf } from "../slack/flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z"); // Monday, 10:00 in Berlin

describe("reminders on two instances", () => {
  let slack: FakeSlack;
  let database: { url: string; drop: () => Promise<void> };
  let a: Instance;
  let b: Instance;
  let partner4: string;

  beforeAll(async () => {
    slack = await startFakeSlack();
    database = await createThrowawayDatabase("sparring_reminders");
    a = await startInstance({ slack, databaseUrl: database.url, clock });
    b = await startInstance({ slack, databaseUrl: database.url, clock, importExample: false });
    partner4 = (await a.db.prisma.person.findUniqueOrThrow({ where: { slackId: "U01PARTNER4" } })).id;
  });
  afterAll(async () => {
    for (const instance of [a, b]) await instance?.stop();
    await slack?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    clock.set("2026-06-15T08:00:00Z");
    await Promise.all([a.app.worker.drain(), b.app.worker.drain()]);
    await clearRequests(a.db.prisma);
    slack.reset();
  });

  const drainBoth = async () => {
    for (let i = 0; i < 2; i++) await Promise.all([a.app.worker.drain(), b.app.worker.drain()]);
  };
  /** Both instances run the due jobs at the same moment, twice. */
  const runJobsAt = async (at: string) => {
    clock.set(at);
    await Promise.all([a.app.jobs.runDue(), b.app.jobs.runDue()]);
    await Promise.all([a.app.jobs.runDue(), b.app.jobs.runDue()]);
    await drainBoth();
  };
  const shown = (c: RecordedCall) => `${c.args.text}\n${textOf(c.args.blocks)}`;
  const postsTo = (user: string, containing: string) =>
    slack.calls("chat.postMessage").filter((c) => c.args.channel === `D${user}` && shown(c).includes(containing));

  async function book(): Promise<string> {
    const answer = await a.book("U01CONTACT3", { topics: ["surveys"], partnerId: partner4, question: "Erinnerungen?", times: "" });
    expect(answer.json?.view?.callback_id).toBe("booking_sent_modal");
    const request = await a.db.prisma.sessionRequest.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    await drainBoth();
    return request.id;
  }

  it("a Friday reminder for a Monday session names Monday, once per person; the short reminder before the start, once", async () => {
    clock.set("2026-06-18T08:00:00Z"); // Thursday
    const id = await book();
    const monday = new Date("2026-06-22T08:00:00Z"); // Monday 10:00 in Berlin
    expect((await b.accept("U01PARTNER4", id, { start: monday, format: "video", link: "https://meet.example.org/mo" })).json).toBeNull();
    await drainBoth();
    slack.reset();

    await runJobsAt("2026-06-18T16:00:00Z"); // Thursday: Monday is not the next working day yet
    expect(postsTo("U01CONTACT3", "Erinnerung")).toHaveLength(0);

    await runJobsAt("2026-06-19T07:00:00Z"); // Friday 09:00
    const token = `<!date^${monday.getTime() / 1000}^{date_long_pretty} {time}|Mo., 22.06.2026, 10:00 Uhr>`;
    for (const user of ["U01CONTACT3", "U01PARTNER4"]) {
      const reminders = postsTo(user, "Erinnerung an Ihre Sparring-Einheit");
      expect(reminders, user).toHaveLength(1);
      expect(textOf(reminders[0]!.args.blocks)).toContain(token);
      expect(shown(reminders[0]!)).not.toMatch(/morgen/i);
      expect(reminders[0]!.args.text).toContain("Mo., 22.06.2026, 10:00 Uhr");
    }
    await runJobsAt("2026-06-20T09:00:00Z"); // Saturday: nothing new
    await runJobsAt("2026-06-22T06:30:00Z"); // Monday 08:30: more than an hour before
    for (const user of ["U01CONTACT3", "U01PARTNER4"]) {
      expect(postsTo(user, "Erinnerung an Ihre Sparring-Einheit"), user).toHaveLength(1);
      expect(postsTo(user, "beginnt bald"), user).toHaveLength(0);
    }
    await runJobsAt("2026-06-22T07:05:00Z"); // Monday 09:05: within before_minutes (60)
    await runJobsAt("2026-06-22T07:30:00Z");
    expect(postsTo("U01CONTACT3", "Ihre Sparring-Einheit mit Dr. Henrik Lautenschläger beginnt bald")).toHaveLength(1);
    expect(postsTo("U01PARTNER4", "Ihre Sparring-Einheit mit Fatma Yilmaz (Gemeinde Beispielheim) beginnt bald")).toHaveLength(1);
    const row = await a.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id } });
    expect(row.reminderSentAt).toEqual(new Date("2026-06-19T07:00:00Z"));
    expect(row.soonReminderSentAt).toEqual(new Date("2026-06-22T07:05:00Z"));
  });

  it("an unanswered request: the partner is reminded after 2 working days, the requester warned on the last day, then told it expired", async () => {
    const id = await book(); // Monday 15.06., 10:00; expires at the start of Tue 23.06. (5 BW working days)
    slack.reset();
    await runJobsAt("2026-06-17T12:00:00Z"); // Wednesday: one working day passed
    expect(postsTo("U01PARTNER4", "wartet noch auf Ihre Antwort")).toHaveLength(0);

    await runJobsAt("2026-06-17T22:00:00Z"); // Thursday 00:00 in Berlin: Tuesday and Wednesday have passed
    await runJobsAt("2026-06-18T09:00:00Z");
    const nudges = postsTo("U01PARTNER4", "wartet noch auf Ihre Antwort");
    expect(nudges).toHaveLength(1);
    expect(shown(nudges[0]!)).toContain("Die Sparring-Anfrage von Fatma Yilmaz (Gemeinde Beispielheim) vom Mo., 15.06.2026 wartet noch auf Ihre Antwort");
    expect(shown(nudges[0]!)).toContain("verfällt sie nach dem Mo., 22.06.2026");
    expect(JSON.stringify(nudges[0]!.args.blocks)).toContain(id); // Accept / Decline on this request
    expect(postsTo("U01CONTACT3", "verfällt")).toHaveLength(0);

    await runJobsAt("2026-06-21T21:59:00Z"); // Sunday 23:59: not yet
    expect(postsTo("U01CONTACT3", "noch nicht beantwortet")).toHaveLength(0);
    await runJobsAt("2026-06-21T22:00:00Z"); // Monday 00:00: the last working day to answer
    await runJobsAt("2026-06-22T10:00:00Z");
    const warnings = postsTo("U01CONTACT3", "noch nicht beantwortet");
    expect(warnings).toHaveLength(1);
    expect(shown(warnings[0]!)).toContain("Ihre Sparring-Anfrage an Dr. Henrik Lautenschläger ist noch nicht beantwortet. Bleibt sie bis zum Ende des Mo., 22.06.2026 ohne Antwort");

    await runJobsAt("2026-06-22T22:00:00Z"); // Tuesday 00:00: expired
    expect(postsTo("U01CONTACT3", "abgelaufen")).toHaveLength(1);
    expect(postsTo("U01PARTNER4", "wartet noch auf Ihre Antwort")).toHaveLength(1);
    expect(postsTo("U01CONTACT3", "noch nicht beantwortet")).toHaveLength(1);
  });
});
